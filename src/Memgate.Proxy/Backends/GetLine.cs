using Memgate.Protocol.Text;

namespace Memgate.Proxy.Backends;

/// <summary>Recognises a plain <c>get</c>/<c>gets</c> request line ("get k1 k2\r\n"): the only requests a backend connection merges.</summary>
internal static class GetLine
{
    /// <summary>True for "get keys\r\n" or "gets keys\r\n" with at least one key; <paramref name="keys"/> is the space-separated key list.</summary>
    public static bool TryParse(ReadOnlySpan<byte> request, out bool gets, out ReadOnlySpan<byte> keys, out int keyCount)
    {
        keys = default;
        keyCount = 0;
        gets = request.StartsWith("gets "u8);
        if (!gets && !request.StartsWith("get "u8))
        {
            return false;
        }

        if (request.Length < 7 || request[^2] != (byte)'\r' || request[^1] != (byte)'\n')
        {
            return false;
        }

        keys = request[(gets ? 5 : 4)..^2];
        if (keys.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            return false;
        }

        var tokens = new TokenReader(keys);
        while (tokens.TryRead(out _))
        {
            keyCount++;
        }

        return keyCount > 0;
    }
}
