namespace Memgate.Protocol.Text;

/// <summary>
/// memcached's base64_decode (base64.c, from hostap) for meta <c>b</c> keys. It is more lenient than RFC 4648 and
/// clients rely on neither, but byte-exactness needs its quirks: bytes outside the alphabet are skipped, decoding
/// stops after the first padded quad, and any failure is reported as length 0.
/// </summary>
internal static class Base64KeyDecoder
{
    private const byte Invalid = 0x80;

    /// <summary>Returns the decoded length, or 0 when memcached would fail ("error decoding key").</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int count = 0;
        foreach (byte b in source)
        {
            if (Value(b) != Invalid)
            {
                count++;
            }
        }

        if (count == 0 || count % 4 != 0 || count / 4 * 3 > destination.Length)
        {
            return 0;
        }

        Span<byte> block = stackalloc byte[4];
        int position = 0;
        int filled = 0;
        int pad = 0;
        foreach (byte b in source)
        {
            byte value = Value(b);
            if (value == Invalid)
            {
                continue;
            }

            if (b == (byte)'=')
            {
                pad++;
            }

            block[filled++] = value;
            if (filled < 4)
            {
                continue;
            }

            destination[position++] = (byte)((block[0] << 2) | (block[1] >> 4));
            destination[position++] = (byte)((block[1] << 4) | (block[2] >> 2));
            destination[position++] = (byte)((block[2] << 6) | block[3]);
            filled = 0;
            if (pad > 0)
            {
                if (pad > 2)
                {
                    return 0;
                }

                position -= pad;
                break;
            }
        }

        return position;
    }

    private static byte Value(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => (byte)(b - 'A'),
        >= (byte)'a' and <= (byte)'z' => (byte)(b - 'a' + 26),
        >= (byte)'0' and <= (byte)'9' => (byte)(b - '0' + 52),
        (byte)'+' => 62,
        (byte)'/' => 63,
        (byte)'=' => 0,
        _ => Invalid,
    };
}
