using System.Globalization;
using System.Text.RegularExpressions;

namespace Memgate.Node.CommandLine;

/// <summary>
/// C library number parsing as memcached uses it (atoi, atof, strtol, safe_strtoul): garbage yields 0 or a prefix
/// value rather than an error, and that is what decides memcached's messages (e.g. -m abc → "1/2 of memory max").
/// </summary>
internal static partial class CNumber
{
    /// <summary>atoi: (int)strtol(s, NULL, 10) — leading blanks, sign, digits; clamps to long, then truncates to int.</summary>
    public static int Atoi(string? text) => unchecked((int)Strtol(text, 10, out _));

    /// <summary>strtol with the given base; <paramref name="end"/> is the index after the last digit used.</summary>
    public static long Strtol(string? text, int radix, out int end)
    {
        end = 0;
        if (text is null)
        {
            return 0;
        }

        int i = 0;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        int digitsStart = i;
        Int128 value = 0;
        while (i < text.Length && DigitValue(text[i]) is int d && d < radix)
        {
            value = Int128.Min(value * radix + d, (Int128)long.MaxValue + 1);
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        end = i;
        if (negative)
        {
            value = -value;
        }

        return (long)Int128.Clamp(value, long.MinValue, long.MaxValue);
    }

    /// <summary>memcached's safe_strtoul/safe_strtol: digits required, only trailing whitespace allowed.</summary>
    public static bool TryStrictInteger(string? text, out long value)
    {
        value = Strtol(text, 10, out int end);
        if (text is null || end == 0)
        {
            return false;
        }

        return end == text.Length || IsSpace(text[end]);
    }

    /// <summary>atof: the longest decimal prefix, 0 when there is none.</summary>
    public static double Atof(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        var match = DecimalPrefix().Match(text);
        return match.Success && match.Length > 0 && double.TryParse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : 0;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static int? DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        _ => null,
    };

    [GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")]
    private static partial Regex DecimalPrefix();
}
