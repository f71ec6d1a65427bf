using System.Buffers;
using System.Buffers.Text;
using Memgate.Protocol.Text;
using Memgate.Proxy.Backends;
using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Session;

/// <summary>
/// Turns a parsed client request into a <see cref="ProxyRequest"/>: picks the route, copies the key,
/// and writes the bytes for the backend — the client's line with single spaces and CRLF, without
/// <c>noreply</c> and without meta <c>q</c> flags, followed by the data block as received.
/// </summary>
internal static class RequestTranslator
{
    // Shared, never written to: routes only copy them into backend lines.
    private static readonly byte[] GetVerb = "get"u8.ToArray();
    private static readonly byte[] GetsVerb = "gets"u8.ToArray();

    public static ProxyRequest Translate(ref TextRequest request, ReadOnlySpan<byte> line, ReadOnlySpan<byte> dataBlock)
    {
        TextCommand command = request.Command;
        (RouteKind route, ReplyKind reply, ReplicaCopyMode copy) = Classify(ref request);
        bool quiet = IsMeta(command) && request.Meta.Quiet;
        if (route == RouteKind.Retrieval)
        {
            return Retrieval(ref request, line);
        }

        var translated = new ProxyRequest
        {
            Command = command,
            Route = route,
            ReplyKind = reply,
            CopyMode = copy,
            Key = request.Key.ToArray(),
            NoReply = request.NoReply && !IsMeta(command),
            Quiet = quiet,
            Touches = command == TextCommand.MetaGet && request.Meta.Has('T'),
            TouchTtl = command == TextCommand.MetaGet ? request.Meta.Ttl : 0,
        };

        int metaFlagStart = command switch
        {
            TextCommand.MetaSet => 3,
            TextCommand.MetaGet or TextCommand.MetaDelete or TextCommand.MetaArithmetic or TextCommand.MetaDebug => 2,
            _ => int.MaxValue,
        };
        byte[] wire = ArrayPool<byte>.Shared.Rent(line.Length + 2 + dataBlock.Length);
        int length = WriteLine(line, translated.NoReply, quiet ? metaFlagStart : int.MaxValue, wire);
        dataBlock.CopyTo(wire.AsSpan(length));
        translated.SetWire(wire, length + dataBlock.Length);
        return translated;
    }

    private static ProxyRequest Retrieval(ref TextRequest request, ReadOnlySpan<byte> line)
    {
        int count = 0;
        var counter = new TokenReader(request.Arguments);
        while (counter.TryRead(out _))
        {
            count++;
        }

        // Exactly sized: no list to grow and copy per request.
        byte[][] keys = count == 0 ? [] : new byte[count][];
        var reader = new TokenReader(request.Arguments);
        for (int i = 0; i < count && reader.TryRead(out ReadOnlySpan<byte> key); i++)
        {
            keys[i] = key.ToArray();
        }

        byte[] verb = request.Command switch
        {
            TextCommand.Gets => GetsVerb,
            TextCommand.Gat => Verb("gat "u8, request.ExpTime),
            TextCommand.Gats => Verb("gats "u8, request.ExpTime),
            _ => GetVerb,
        };

        // The whole line for the common one-node case; the splitter rebuilds lines per node otherwise.
        int length = verb.Length + 2;
        foreach (byte[] key in keys)
        {
            length += key.Length + 1;
        }

        byte[] wire = ArrayPool<byte>.Shared.Rent(length);
        verb.CopyTo(wire, 0);
        int at = verb.Length;
        foreach (byte[] key in keys)
        {
            wire[at++] = (byte)' ';
            key.CopyTo(wire, at);
            at += key.Length;
        }

        wire[at++] = (byte)'\r';
        wire[at++] = (byte)'\n';
        var translated = new ProxyRequest
        {
            Command = request.Command,
            Route = RouteKind.Retrieval,
            ReplyKind = ReplyKind.Retrieval,
            Keys = keys,
            Key = keys.Length > 0 ? keys[0] : [],
            RetrievalVerb = verb,
            Touches = request.Command is TextCommand.Gat or TextCommand.Gats,
            TouchTtl = request.Command is TextCommand.Gat or TextCommand.Gats ? request.ExpTime : 0,
        };
        translated.SetWire(wire, at);
        return translated;
    }

    private static byte[] Verb(ReadOnlySpan<byte> prefix, long exptime)
    {
        Span<byte> text = stackalloc byte[32];
        prefix.CopyTo(text);
        Utf8Formatter.TryFormat(exptime, text[prefix.Length..], out int written);
        return text[..(prefix.Length + written)].ToArray();
    }

    private static (RouteKind Route, ReplyKind Reply, ReplicaCopyMode Copy) Classify(ref TextRequest request)
    {
        switch (request.Command)
        {
            case TextCommand.Get or TextCommand.Gets or TextCommand.Gat or TextCommand.Gats:
                return (RouteKind.Retrieval, ReplyKind.Retrieval, ReplicaCopyMode.Value);
            case TextCommand.Set or TextCommand.Delete or TextCommand.Touch:
                return (RouteKind.ReplicatedWrite, ReplyKind.Line, ReplicaCopyMode.Value);
            case TextCommand.Add or TextCommand.Replace or TextCommand.Cas or TextCommand.Append or TextCommand.Prepend
                or TextCommand.Incr or TextCommand.Decr:
                return (RouteKind.PrimaryDecides, ReplyKind.Line, ReplicaCopyMode.Value);
            case TextCommand.FlushAll:
                return (RouteKind.Broadcast, ReplyKind.Line, ReplicaCopyMode.Value);
            case TextCommand.MetaSet:
                // Only an unconditional set may be replayed on both copies; modes and cas go through the primary.
                bool plainSet = request.Meta.Mode is 0 or (byte)'S' or (byte)'s' && !request.Meta.Has('C') && !request.Meta.Has('I');
                return (plainSet ? RouteKind.ReplicatedWrite : RouteKind.PrimaryDecides, ReplyKind.Meta, ReplicaCopyMode.Value);
            case TextCommand.MetaDelete:
                bool plainDelete = !request.Meta.Has('C') && !request.Meta.Has('I');
                return (plainDelete ? RouteKind.ReplicatedWrite : RouteKind.PrimaryDecides, ReplyKind.Meta, ReplicaCopyMode.Invalidate);
            case TextCommand.MetaArithmetic:
                return (RouteKind.PrimaryDecides, ReplyKind.Meta, ReplicaCopyMode.Value);
            default:
                // mg, me.
                return (RouteKind.FailoverRead, ReplyKind.Meta, ReplicaCopyMode.Value);
        }
    }

    private static bool IsMeta(TextCommand command) =>
        command is TextCommand.MetaGet or TextCommand.MetaSet or TextCommand.MetaDelete or TextCommand.MetaArithmetic or TextCommand.MetaDebug;

    /// <summary>Writes the line's tokens separated by single spaces plus CRLF, leaving out noreply and q flags.</summary>
    internal static int WriteLine(ReadOnlySpan<byte> line, bool dropLastToken, int metaFlagStart, Span<byte> destination)
    {
        int tokens = 0;
        var counter = new TokenReader(line);
        while (counter.TryRead(out _))
        {
            tokens++;
        }

        int keep = dropLastToken ? tokens - 1 : tokens;
        var reader = new TokenReader(line);
        int at = 0;
        for (int index = 0; index < keep && reader.TryRead(out ReadOnlySpan<byte> token); index++)
        {
            if (index >= metaFlagStart && token[0] == (byte)'q')
            {
                continue;
            }

            if (at > 0)
            {
                destination[at++] = (byte)' ';
            }

            token.CopyTo(destination[at..]);
            at += token.Length;
        }

        destination[at++] = (byte)'\r';
        destination[at++] = (byte)'\n';
        return at;
    }
}
