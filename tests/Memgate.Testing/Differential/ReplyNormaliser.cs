using System.Globalization;
using System.Text;

namespace Memgate.Testing.Differential;

/// <summary>
/// Makes two servers' replies comparable byte for byte. It changes only what legitimately differs
/// between two correct servers: CAS values (→ per-case ordinals <c>#N</c>), the VERSION string,
/// volatile stats values (pid, uptime, time, rusage, ports …), and second-granular times (meta
/// <c>t</c>/<c>l</c> flags, <c>me</c> exp=/la=) which are rounded to 10 s so a clock tick between
/// two servers does not count. Data blocks are copied untouched, except a number padded with
/// trailing spaces (memcached's in-place incr/decr, which it applies or not depending on timing),
/// which is compared as the bare number.
/// </summary>
public static class ReplyNormaliser
{
    /// <summary>STAT names whose values differ between any two processes.</summary>
    public static readonly IReadOnlySet<string> VolatileStats = new HashSet<string>(StringComparer.Ordinal)
    {
        "pid", "uptime", "time", "version", "libevent", "rusage_user", "rusage_system", "tcpport",
        "udpport", "oldest", "time_in_listen_disabled_us", "domain_socket", "log_watcher_sent", "log_worker_written",
    };

    private static readonly string[] MetaCodes = ["HD", "EN", "NF", "NS", "EX", "VA"];

    public static string Normalise(ReadOnlySpan<byte> reply, CasTable cas)
    {
        var output = new StringBuilder(reply.Length + 16);
        var pos = 0;
        while (pos < reply.Length)
        {
            var nl = reply[pos..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                // A trailing partial line (e.g. connection closed mid-reply) is compared as is.
                output.Append(Encoding.Latin1.GetString(reply[pos..]));
                break;
            }

            var raw = reply.Slice(pos, nl + 1);
            var line = ReplyFramer.TrimCr(reply.Slice(pos, nl));
            var ending = Encoding.Latin1.GetString(raw[line.Length..]);
            var text = NormaliseLine(Encoding.Latin1.GetString(line), cas);
            pos += nl + 1;

            var block = ReplyFramer.DataBlockLength(line);
            if (block < 0)
            {
                output.Append(text).Append(ending);
                continue;
            }

            var take = Math.Min(block + 2, reply.Length - pos);
            var data = Encoding.Latin1.GetString(reply.Slice(pos, take));
            pos += take;
            if (take == block + 2 && IsSpacePaddedNumber(data.AsSpan(0, block)))
            {
                // memcached rewrites a shrinking incr/decr result in place, padded with spaces, only
                // when no pending reply still references the item — a timing accident. Compare the number.
                var digits = data[..block].TrimEnd(' ');
                text = WithDataLength(text, digits.Length);
                data = digits + data[block..];
            }

            output.Append(text).Append(ending).Append(data);
        }

        return output.ToString();
    }

    /// <summary>Rounds a non-negative seconds value up to 10 s (a tick between two servers is not a difference).</summary>
    /// <remarks>
    /// Values near 2^32 are memcached's unsigned wrap of a negative remaining time (an item whose
    /// TTL was set negative); their exact value depends on the process start time, so only the wrap is kept.
    /// </remarks>
    public static string RoundSeconds(string raw, bool remainingTime)
    {
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return raw;
        }

        if (n >= 4_000_000_000L)
        {
            return "~wrapped";
        }

        // A remaining TTL of T reads as T or T-1 depending on a tick: round up so both land together.
        // Seconds since last access read as 0 or 1: round to nearest.
        var rounded = remainingTime ? (n + 9) / 10 * 10 : (n + 5) / 10 * 10;
        return "~" + rounded.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsSpacePaddedNumber(ReadOnlySpan<char> data)
    {
        var digits = data.TrimEnd(' ');
        return digits.Length > 0 && digits.Length < data.Length && !digits.ContainsAnyExcept("0123456789");
    }

    private static string WithDataLength(string header, int length)
    {
        var tokens = header.Split(' ');
        tokens[tokens[0] == "VALUE" ? 3 : 1] = length.ToString(CultureInfo.InvariantCulture);
        return string.Join(' ', tokens);
    }

    private static string NormaliseLine(string line, CasTable cas)
    {
        var tokens = line.Split(' ');
        switch (tokens[0])
        {
            case "VALUE" when tokens.Length == 5:
                tokens[4] = cas.Normalise(tokens[4]);
                return string.Join(' ', tokens);
            case "VERSION" when tokens.Length >= 2:
                return "VERSION <version>";
            case "STAT" when tokens.Length >= 3 && VolatileStats.Contains(tokens[1]):
                return $"STAT {tokens[1]} <volatile>";
            case "ME":
                for (var i = 2; i < tokens.Length; i++)
                {
                    tokens[i] = NormaliseMeField(tokens[i], cas);
                }

                return string.Join(' ', tokens);
        }

        if (Array.IndexOf(MetaCodes, tokens[0]) >= 0)
        {
            // VA's first argument is the size; flags follow.
            for (var i = tokens[0] == "VA" ? 2 : 1; i < tokens.Length; i++)
            {
                tokens[i] = NormaliseMetaFlag(tokens[i], cas);
            }

            return string.Join(' ', tokens);
        }

        return line;
    }

    private static string NormaliseMetaFlag(string token, CasTable cas)
    {
        if (token.Length < 2)
        {
            return token;
        }

        return token[0] switch
        {
            'c' => "c" + cas.Normalise(token[1..]),
            't' => "t" + RoundSeconds(token[1..], remainingTime: true),
            'l' => "l" + RoundSeconds(token[1..], remainingTime: false),
            _ => token,
        };
    }

    private static string NormaliseMeField(string field, CasTable cas)
    {
        var eq = field.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return field;
        }

        var name = field[..eq];
        var value = field[(eq + 1)..];
        return name switch
        {
            "cas" => "cas=" + cas.Normalise(value),
            "exp" => "exp=" + RoundSeconds(value, remainingTime: true),
            "la" => "la=" + RoundSeconds(value, remainingTime: false),
            _ => field,
        };
    }
}
