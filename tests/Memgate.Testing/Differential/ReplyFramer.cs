using System.Buffers.Text;

namespace Memgate.Testing.Differential;

/// <summary>
/// Splits a memcached reply stream into lines and data blocks (after <c>VALUE … &lt;bytes&gt;</c>
/// and <c>VA &lt;bytes&gt;</c>), so that value bytes are never mistaken for reply lines.
/// </summary>
public static class ReplyFramer
{
    /// <summary>
    /// The length of the prefix of <paramref name="data"/> that ends with the
    /// <paramref name="mnCount"/>-th top-level <c>MN</c> line, or -1 if it has not arrived yet.
    /// </summary>
    public static int CompleteLength(ReadOnlySpan<byte> data, int mnCount)
    {
        var pos = 0;
        var seen = 0;
        while (true)
        {
            var nl = data[pos..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return -1;
            }

            var line = TrimCr(data.Slice(pos, nl));
            var next = pos + nl + 1;
            if (line.SequenceEqual("MN"u8))
            {
                seen++;
                if (seen >= mnCount)
                {
                    return next;
                }
            }
            else
            {
                var block = DataBlockLength(line);
                if (block >= 0)
                {
                    next += block + 2;
                    if (next > data.Length)
                    {
                        return -1;
                    }
                }
            }

            pos = next;
        }
    }

    /// <summary>Bytes of data (without the trailing \r\n) that follow this reply line, or -1 if none.</summary>
    public static int DataBlockLength(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("VALUE "u8))
        {
            return NumberToken(line, 3);
        }

        return line.StartsWith("VA "u8) ? NumberToken(line, 1) : -1;
    }

    /// <summary>The line without a trailing \r.</summary>
    public static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line)
        => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static int NumberToken(ReadOnlySpan<byte> line, int index)
    {
        var token = 0;
        foreach (var range in line.Split((byte)' '))
        {
            if (token++ != index)
            {
                continue;
            }

            var text = line[range];
            return Utf8Parser.TryParse(text, out int value, out var consumed) && consumed == text.Length && value >= 0 ? value : -1;
        }

        return -1;
    }
}
