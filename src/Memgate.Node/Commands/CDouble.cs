using System.Globalization;
using Memgate.Protocol.Text;

namespace Memgate.Node.Commands;

/// <summary>
/// memcached's <c>safe_strtod</c> (glibc strtod): leading whitespace, a sign, decimal digits with an optional fraction and
/// exponent, or <c>inf</c>/<c>infinity</c>/<c>nan</c> in any case; the number must end the token or be followed by
/// whitespace. Out-of-range values (overflow, underflow) fail as strtod's ERANGE does.
/// </summary>
/// <remarks>Hexadecimal floats (<c>0x1p3</c>), which strtod also reads, are not accepted: no admin tool sends them.</remarks>
internal static class CDouble
{
    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        int at = 0;
        while (at < token.Length && NumberParser.IsSpace(token[at]))
        {
            at++;
        }

        int start = at;
        bool negative = false;
        if (at < token.Length && (token[at] == (byte)'+' || token[at] == (byte)'-'))
        {
            negative = token[at] == (byte)'-';
            at++;
        }

        int end;
        if (TryWord(token[at..], out int wordLength, out double special))
        {
            end = at + wordLength;
            value = negative ? -special : special;
            return EndsToken(token, end);
        }

        end = ScanDecimal(token, at, out bool nonZeroDigit);
        if (end < 0 || !EndsToken(token, end))
        {
            return false;
        }

        var text = System.Text.Encoding.ASCII.GetString(token[start..end]);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
        {
            return false;
        }

        // strtod sets ERANGE on overflow and when a non-zero number underflows to zero or a subnormal.
        if (double.IsInfinity(parsed) || (nonZeroDigit && (parsed == 0 || double.IsSubnormal(parsed))))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool EndsToken(ReadOnlySpan<byte> token, int end) => end == token.Length || NumberParser.IsSpace(token[end]);

    /// <summary>Digits [. digits] [e [sign] digits]; returns the end, or -1 when there is no digit.</summary>
    private static int ScanDecimal(ReadOnlySpan<byte> s, int at, out bool nonZeroDigit)
    {
        nonZeroDigit = false;
        int digits = 0;
        while (at < s.Length && char.IsAsciiDigit((char)s[at]))
        {
            nonZeroDigit |= s[at] != (byte)'0';
            at++;
            digits++;
        }

        if (at < s.Length && s[at] == (byte)'.')
        {
            at++;
            while (at < s.Length && char.IsAsciiDigit((char)s[at]))
            {
                nonZeroDigit |= s[at] != (byte)'0';
                at++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return -1;
        }

        // An exponent counts only when digits follow it ("1e" reads as 1 followed by "e").
        if (at < s.Length && (s[at] == (byte)'e' || s[at] == (byte)'E'))
        {
            int exp = at + 1;
            if (exp < s.Length && (s[exp] == (byte)'+' || s[exp] == (byte)'-'))
            {
                exp++;
            }

            if (exp < s.Length && char.IsAsciiDigit((char)s[exp]))
            {
                while (exp < s.Length && char.IsAsciiDigit((char)s[exp]))
                {
                    exp++;
                }

                at = exp;
            }
        }

        return at;
    }

    private static bool TryWord(ReadOnlySpan<byte> s, out int length, out double value)
    {
        if (StartsWithIgnoreCase(s, "infinity"u8))
        {
            (length, value) = (8, double.PositiveInfinity);
            return true;
        }

        if (StartsWithIgnoreCase(s, "inf"u8))
        {
            (length, value) = (3, double.PositiveInfinity);
            return true;
        }

        if (StartsWithIgnoreCase(s, "nan"u8))
        {
            // "nan(chars)" is one NaN; an unclosed parenthesis leaves strtod's end after "nan".
            length = 3;
            if (length < s.Length && s[length] == (byte)'(')
            {
                int close = s.IndexOf((byte)')');
                if (close > 0 && IsNanChars(s[(length + 1)..close]))
                {
                    length = close + 1;
                }
            }

            value = double.NaN;
            return true;
        }

        (length, value) = (0, 0);
        return false;
    }

    private static bool IsNanChars(ReadOnlySpan<byte> s)
    {
        foreach (byte c in s)
        {
            if (!char.IsAsciiLetterOrDigit((char)c) && c != (byte)'_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word)
        => s.Length >= word.Length && System.Text.Ascii.EqualsIgnoreCase(s[..word.Length], word);
}
