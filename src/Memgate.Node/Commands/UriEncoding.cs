using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>memcached's uriencode (util.c): letters, digits and <c>-._~</c> pass, every other byte becomes <c>%XX</c>.</summary>
internal static class UriEncoding
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    public static void Write(ReadOnlySpan<byte> key, OutputBuffer output)
    {
        var span = output.GetSpan(key.Length * 3);
        int at = 0;
        foreach (byte c in key)
        {
            if (char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                span[at++] = c;
            }
            else
            {
                span[at++] = (byte)'%';
                span[at++] = HexDigits[c >> 4];
                span[at++] = HexDigits[c & 0xF];
            }
        }

        output.Advance(at);
    }
}
