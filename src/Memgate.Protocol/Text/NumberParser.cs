namespace Memgate.Protocol.Text;

/// <summary>
/// memcached's <c>safe_strtoul/strtol/strtoull/strtoll</c> (util.c) as built on 64-bit Linux, quirks included,
/// because clients see the difference: leading whitespace and a sign are accepted, anything after a whitespace
/// byte is ignored, the 32-bit variants parse 64 bits and silently truncate (flags 4294967296 stores 0, length
/// 4294967297 reads 1 byte), and the unsigned variants reject '-' only when the wrapped value has its top bit set.
/// </summary>
internal static class NumberParser
{
    /// <summary>safe_strtoul: strtoul (64-bit) truncated to 32 bits.</summary>
    public static bool TryParseUInt32(ReadOnlySpan<byte> token, out uint value)
    {
        bool ok = TryParseUInt64(token, out ulong wide);
        value = (uint)wide;
        return ok;
    }

    /// <summary>safe_strtol: strtol (64-bit long) truncated to 32 bits.</summary>
    public static bool TryParseInt32(ReadOnlySpan<byte> token, out int value)
    {
        bool ok = TryParseInt64(token, out long wide);
        value = (int)wide;
        return ok;
    }

    /// <summary>safe_strtoull.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<byte> token, out ulong value)
    {
        value = 0;
        if (!TryScan(token, out ulong magnitude, out bool negative, out bool overflow) || overflow)
        {
            return false;
        }

        ulong result = negative ? 0 - magnitude : magnitude;
        if ((long)result < 0 && token.Contains((byte)'-'))
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>safe_strtoll.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        if (!TryScan(token, out ulong magnitude, out bool negative, out bool overflow) || overflow)
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 1UL << 63)
            {
                return false;
            }

            value = (long)(0 - magnitude);
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>C locale isspace.</summary>
    public static bool IsSpace(byte c) => c == (byte)' ' || (c >= (byte)'\t' && c <= (byte)'\r');

    // strto* grammar: [space*][+|-]digit+, then the end of the token or a whitespace byte (memcached's endptr check).
    private static bool TryScan(ReadOnlySpan<byte> s, out ulong magnitude, out bool negative, out bool overflow)
    {
        magnitude = 0;
        negative = false;
        overflow = false;
        int i = 0;
        while (i < s.Length && IsSpace(s[i]))
        {
            i++;
        }

        if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        int digitsStart = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            ulong digit = (ulong)(s[i] - '0');
            if (!overflow)
            {
                if (magnitude > (ulong.MaxValue - digit) / 10)
                {
                    overflow = true;
                }
                else
                {
                    magnitude = (magnitude * 10) + digit;
                }
            }

            i++;
        }

        if (i == digitsStart)
        {
            return false;
        }

        return i == s.Length || IsSpace(s[i]);
    }
}
