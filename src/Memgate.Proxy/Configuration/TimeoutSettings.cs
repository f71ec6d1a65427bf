namespace Memgate.Proxy.Configuration;

/// <summary>Backend timeouts. Every backend call has both, so a client is never left hanging.</summary>
public sealed class TimeoutSettings
{
    /// <summary>TCP connect timeout in milliseconds (default 250: backends are on the local network).</summary>
    public int ConnectMs { get; set; } = 250;

    /// <summary>Time from sending a request to its complete reply, in milliseconds (default 1000, as mcrouter).</summary>
    public int RequestMs { get; set; } = 1000;
}
