namespace Memgate.Protocol.Text;

/// <summary>
/// Ends a parse with an error reply. memcached has two error paths: out_string, which a preceding
/// <c>noreply</c> silences, and out_errstring, which always answers (meta commands use it).
/// </summary>
internal static class ParseErrors
{
    /// <summary>out_string: silenced when the line set noreply.</summary>
    public static ParseStatus Reply(ref TextRequest request, ReadOnlySpan<byte> reply)
    {
        request.ErrorReply = request.NoReply ? default : reply;
        return ParseStatus.Error;
    }

    /// <summary>out_errstring: always answered.</summary>
    public static ParseStatus Always(ref TextRequest request, ReadOnlySpan<byte> reply)
    {
        request.ErrorReply = reply;
        return ParseStatus.Error;
    }

    public static bool IsNoReply(ReadOnlySpan<byte> token) => token.SequenceEqual("noreply"u8);
}
