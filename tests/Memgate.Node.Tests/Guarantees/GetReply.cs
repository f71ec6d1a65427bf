using System.Globalization;
using System.Text;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// Frames and parses a text-protocol retrieval reply (<c>VALUE key flags bytes [cas]</c> blocks, then <c>END</c>)
/// by the announced lengths, so value bytes that happen to contain "END\r\n" cannot confuse it.
/// </summary>
public static class GetReply
{
    /// <summary>A framer for <see cref="Memgate.Testing.RawClient.ReadAsync"/>: the length of one complete reply, or -1.</summary>
    public static int Frame(ReadOnlyMemory<byte> data) => Parse(data.Span, null);

    /// <summary>The values of a complete reply by key.</summary>
    public static Dictionary<string, GetHit> Values(byte[] reply)
    {
        var hits = new Dictionary<string, GetHit>(StringComparer.Ordinal);
        if (Parse(reply, hits) != reply.Length)
        {
            throw new FormatException("not one complete get reply: " + Encoding.Latin1.GetString(reply.AsSpan(0, Math.Min(200, reply.Length))));
        }

        return hits;
    }

    private static int Parse(ReadOnlySpan<byte> data, Dictionary<string, GetHit>? hits)
    {
        var at = 0;
        while (true)
        {
            var lineEnd = data[at..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return -1;
            }

            var line = Encoding.Latin1.GetString(data.Slice(at, lineEnd));
            at += lineEnd + 2;
            if (line == "END")
            {
                return at;
            }

            var parts = line.Split(' ');
            if (parts.Length < 4 || parts[0] != "VALUE")
            {
                // Not a retrieval reply (an error line): complete as it is.
                return at;
            }

            var length = int.Parse(parts[3], CultureInfo.InvariantCulture);
            if (data.Length < at + length + 2)
            {
                return -1;
            }

            if (hits is not null)
            {
                var cas = parts.Length > 4 ? ulong.Parse(parts[4], CultureInfo.InvariantCulture) : 0;
                hits[parts[1]] = new GetHit(uint.Parse(parts[2], CultureInfo.InvariantCulture), data.Slice(at, length).ToArray(), cas);
            }

            at += length + 2;
        }
    }
}
