namespace Memgate.Protocol.Text;

/// <summary>
/// Parses one command line of memcached's text/meta protocol from the start of a receive buffer, byte-exact with
/// memcached 1.6.18 (≤1.6.39 rules). Never throws on client input.
/// </summary>
public static class TextRequestParser
{
    /// <summary>memcached closes a connection whose line has no newline within this many bytes (except get/gets).</summary>
    public const int MaxLineLength = 2048;

    /// <summary>memcached's KEY_MAX_LENGTH.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>
    /// Parses the line at the start of <paramref name="buffer"/>. <paramref name="scratch"/> (at least 256 bytes)
    /// receives base64-decoded meta keys. For storage commands only the line is parsed: the caller checks that
    /// <c>LineLength + DataLength + 2</c> bytes are buffered and that the data ends with <c>\r\n</c>.
    /// </summary>
    public static ParseStatus Parse(ReadOnlySpan<byte> buffer, ref TextRequest request, Span<byte> scratch)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// For a buffer that holds no newline yet: true when memcached would close the connection
    /// (more than 2048 bytes without <c>\n</c>, unless the line is a get/gets, which may be arbitrarily long).
    /// </summary>
    public static bool ShouldCloseOverlongLine(ReadOnlySpan<byte> buffer)
    {
        throw new NotImplementedException();
    }
}
