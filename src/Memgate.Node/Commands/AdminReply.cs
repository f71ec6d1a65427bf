using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>memcached's out_string for admin commands: a reply is dropped when the command set noreply.</summary>
internal static class AdminReply
{
    public static void Write(OutputBuffer output, ReadOnlySpan<byte> reply, bool noReply)
    {
        if (!noReply)
        {
            output.Write(reply);
        }
    }
}
