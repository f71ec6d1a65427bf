using System.Buffers.Text;

namespace Memgate.Proxy.Routing;

/// <summary>Walks the "VALUE key flags bytes [cas]\r\ndata\r\n" blocks of a complete get/gets/gat reply.</summary>
internal ref struct RetrievalBlocks
{
    private readonly ReadOnlySpan<byte> _reply;
    private int _position;

    public RetrievalBlocks(ReadOnlySpan<byte> reply) => _reply = reply;

    /// <summary>The next block's key and its byte range in the reply; false at END (or anything else).</summary>
    public bool TryNext(out ReadOnlySpan<byte> key, out int start, out int length)
    {
        key = default;
        start = _position;
        length = 0;
        ReadOnlySpan<byte> rest = _reply[_position..];
        int lineEnd = rest.IndexOf("\r\n"u8);
        if (lineEnd < 0 || !rest.StartsWith("VALUE "u8))
        {
            return false;
        }

        var tokens = new Memgate.Protocol.Text.TokenReader(rest[6..lineEnd]);
        if (!tokens.TryRead(out key) || !tokens.TryRead(out _) || !tokens.TryRead(out ReadOnlySpan<byte> bytes)
            || !Utf8Parser.TryParse(bytes, out int dataLength, out _))
        {
            return false;
        }

        length = lineEnd + 2 + dataLength + 2;
        if (length > rest.Length)
        {
            return false;
        }

        _position += length;
        return true;
    }

    /// <summary>Number of VALUE blocks (hits) in a reply.</summary>
    public static int Count(ReadOnlySpan<byte> reply)
    {
        var blocks = new RetrievalBlocks(reply);
        int count = 0;
        while (blocks.TryNext(out _, out _, out _))
        {
            count++;
        }

        return count;
    }
}
