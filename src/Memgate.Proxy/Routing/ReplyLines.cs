namespace Memgate.Proxy.Routing;

/// <summary>Reply literals the proxy writes itself, and classification of backend replies.</summary>
public static class ReplyLines
{
    public static readonly byte[] End = "END\r\n"u8.ToArray();
    public static readonly byte[] Ok = "OK\r\n"u8.ToArray();
    public static readonly byte[] Error = "ERROR\r\n"u8.ToArray();
    public static readonly byte[] MetaNoop = "MN\r\n"u8.ToArray();
    public static readonly byte[] Reset = "RESET\r\n"u8.ToArray();

    /// <summary>No copy of the key could answer (all its backends failed, timed out or are down).</summary>
    public static readonly byte[] BackendUnavailable = "SERVER_ERROR backend unavailable\r\n"u8.ToArray();

    /// <summary>The one reply for commands a proxy cannot meaningfully forward (slabs, lru, lru_crawler, watch…).</summary>
    public static readonly byte[] NotSupported = "ERROR\r\n"u8.ToArray();

    public static readonly byte[] ShutdownNotEnabled = "ERROR: shutdown not enabled\r\n"u8.ToArray();

    /// <summary>
    /// The backend could not execute the request (out of memory and the like), so another copy should
    /// answer. CLIENT_ERROR is not one: it is the command's normal outcome (non-numeric incr) and the
    /// other copy would say the same.
    /// </summary>
    public static bool IsBackendFailure(ReadOnlySpan<byte> reply) => reply.StartsWith("SERVER_ERROR"u8);

    /// <summary>Any error line.</summary>
    public static bool IsError(ReadOnlySpan<byte> reply) =>
        reply.StartsWith("SERVER_ERROR"u8) || reply.StartsWith("CLIENT_ERROR"u8) || reply.StartsWith("ERROR"u8);

    /// <summary>A write left the key changed on the backend, so the other copy must follow.</summary>
    public static bool IsWriteSuccess(ReadOnlySpan<byte> reply) =>
        reply.StartsWith("STORED"u8) || reply.StartsWith("HD"u8) || reply.StartsWith("VA"u8)
        || reply.StartsWith("DELETED"u8) || reply.StartsWith("TOUCHED"u8) || (reply.Length > 0 && reply[0] is >= (byte)'0' and <= (byte)'9');

    /// <summary>The backend did not apply a write it should have applied like the primary did.</summary>
    public static bool IsCopyFailure(ReadOnlySpan<byte> reply) =>
        IsError(reply) || reply.StartsWith("NOT_STORED"u8) || reply.StartsWith("NS"u8);
}
