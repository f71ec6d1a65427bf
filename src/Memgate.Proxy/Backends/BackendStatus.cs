namespace Memgate.Proxy.Backends;

/// <summary>How a backend request ended.</summary>
public enum BackendStatus
{
    /// <summary>A complete reply arrived (it may still be an error line such as SERVER_ERROR).</summary>
    Ok,

    /// <summary>No complete reply within the request timeout; the connection was reset.</summary>
    Timeout,

    /// <summary>The connection could not be made (refused, unreachable, connect timeout).</summary>
    ConnectFailed,

    /// <summary>The connection broke, or was reset because an earlier request on it timed out; the request may or may not have been applied.</summary>
    ConnectionLost,

    /// <summary>Not sent: the backend is marked down and fails fast until a probe succeeds.</summary>
    BackendDown,

    /// <summary>The backend sent bytes that are not a reply of the expected kind; the connection was reset.</summary>
    ProtocolError,

    /// <summary>Not sent: the connection or pool was disposed.</summary>
    Disposed,
}
