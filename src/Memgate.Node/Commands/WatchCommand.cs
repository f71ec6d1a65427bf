using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>watch [rawcmds|evictions|fetchers|mutations|sysevents|connevents|proxyreqs|proxyevents|proxyuser ...].</summary>
/// <remarks>
/// Validation and replies are memcached 1.6.18's (noreply silences the errors, and since "noreply" is not a log type a
/// watch with noreply always fails silently). After OK the connection is a watcher and takes no more commands, as in
/// memcached; memgate has no log stream yet, so a watcher receives no log lines.
/// </remarks>
internal static class WatchCommand
{
    public static void Execute(NodeContext node, AdminSession session, ref TextRequest request, OutputBuffer output)
    {
        bool noReply = request.NoReply;
        if (node.Settings.WatchDisabled)
        {
            AdminReply.Write(output, TextReplies.WatchNotAllowed, noReply);
            return;
        }

        if (output.Length > 0)
        {
            AdminReply.Write(output, TextReplies.WatchNotFirst, noReply);
            return;
        }

        var args = new TokenReader(request.Arguments);
        while (args.TryRead(out var type))
        {
            if (!IsLogType(type))
            {
                AdminReply.Write(output, TextReplies.Error, noReply);
                return;
            }
        }

        output.Write(TextReplies.Ok);
        session.Watching = true;
    }

    private static bool IsLogType(ReadOnlySpan<byte> type)
        => type.SequenceEqual("rawcmds"u8) || type.SequenceEqual("evictions"u8) || type.SequenceEqual("fetchers"u8)
            || type.SequenceEqual("mutations"u8) || type.SequenceEqual("sysevents"u8) || type.SequenceEqual("connevents"u8)
            || type.SequenceEqual("proxyreqs"u8) || type.SequenceEqual("proxyevents"u8) || type.SequenceEqual("proxyuser"u8);
}
