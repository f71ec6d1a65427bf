using System.Buffers.Text;

namespace Memgate.Proxy.Backends;

/// <summary>
/// Finds where one memcached reply ends in received bytes, jumping over data blocks by their
/// declared length (values may contain "\r\nEND\r\n"). Stateless: after a partial read the
/// caller calls again with more bytes; only header lines are re-scanned, never data.
/// </summary>
public static class ReplyFramer
{
    /// <summary>Returned when the buffer holds only part of a reply.</summary>
    public const int NeedMore = -1;

    /// <summary>Returned when the bytes cannot be a reply of the expected kind.</summary>
    public const int Malformed = -2;

    /// <summary>Length of the first complete reply in <paramref name="buffer"/>, <see cref="NeedMore"/> or <see cref="Malformed"/>.</summary>
    public static int FindEnd(ReadOnlySpan<byte> buffer, ReplyKind kind) => kind switch
    {
        ReplyKind.Line => LineEnd(buffer, 0),
        ReplyKind.Retrieval => RetrievalEnd(buffer),
        ReplyKind.Stats => StatsEnd(buffer),
        _ => MetaEnd(buffer),
    };

    private static int RetrievalEnd(ReadOnlySpan<byte> buffer)
    {
        int position = 0;
        while (true)
        {
            int lineEnd = LineEnd(buffer, position);
            if (lineEnd < 0)
            {
                return lineEnd;
            }

            ReadOnlySpan<byte> line = buffer[position..(lineEnd - 2)];
            if (line.SequenceEqual("END"u8) || IsError(line))
            {
                return lineEnd;
            }

            if (!line.StartsWith("VALUE "u8))
            {
                return Malformed;
            }

            // VALUE <key> <flags> <bytes> [<cas>]
            int dataLength = Token(line, 3);
            if (dataLength < 0)
            {
                return Malformed;
            }

            int blockEnd = SkipData(buffer, lineEnd, dataLength);
            if (blockEnd < 0)
            {
                return blockEnd;
            }

            position = blockEnd;
        }
    }

    private static int StatsEnd(ReadOnlySpan<byte> buffer)
    {
        int position = 0;
        while (true)
        {
            int lineEnd = LineEnd(buffer, position);
            if (lineEnd < 0)
            {
                return lineEnd;
            }

            ReadOnlySpan<byte> line = buffer[position..(lineEnd - 2)];
            if (line.SequenceEqual("END"u8) || IsError(line))
            {
                return lineEnd;
            }

            position = lineEnd;
        }
    }

    private static int MetaEnd(ReadOnlySpan<byte> buffer)
    {
        int lineEnd = LineEnd(buffer, 0);
        if (lineEnd < 0)
        {
            return lineEnd;
        }

        ReadOnlySpan<byte> line = buffer[..(lineEnd - 2)];
        if (!line.StartsWith("VA "u8))
        {
            return lineEnd;
        }

        int dataLength = Token(line, 1);
        return dataLength < 0 ? Malformed : SkipData(buffer, lineEnd, dataLength);
    }

    private static int SkipData(ReadOnlySpan<byte> buffer, int start, int dataLength)
    {
        int end = start + dataLength + 2;
        if (buffer.Length < end)
        {
            return NeedMore;
        }

        return buffer[end - 2] == '\r' && buffer[end - 1] == '\n' ? end : Malformed;
    }

    // Index just past the "\r\n" ending the line that starts at start. memcached always sends CRLF.
    private static int LineEnd(ReadOnlySpan<byte> buffer, int start)
    {
        int newline = buffer[start..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            return NeedMore;
        }

        int end = start + newline + 1;
        return newline > 0 && buffer[end - 2] == '\r' ? end : Malformed;
    }

    private static bool IsError(ReadOnlySpan<byte> line) =>
        line.SequenceEqual("ERROR"u8) || line.StartsWith("CLIENT_ERROR"u8) || line.StartsWith("SERVER_ERROR"u8);

    // The index-th space-separated token as a non-negative int, or -1.
    private static int Token(ReadOnlySpan<byte> line, int index)
    {
        for (int i = 0; i < index; i++)
        {
            int space = line.IndexOf((byte)' ');
            if (space < 0)
            {
                return -1;
            }

            line = line[(space + 1)..];
        }

        int next = line.IndexOf((byte)' ');
        ReadOnlySpan<byte> token = next < 0 ? line : line[..next];
        return Utf8Parser.TryParse(token, out int value, out int consumed) && consumed == token.Length && value >= 0 ? value : -1;
    }
}
