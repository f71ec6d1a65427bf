namespace Memgate.Proxy;

/// <summary>What the proxy reports as its version.</summary>
/// <remarks>
/// Clients pick features from the memcached version in "VERSION x.y.z" (libmemcached, pylibmc), so the
/// proxy reports the memcached release whose protocol it speaks, like the memgate node does; memgate's
/// own release and role appear in <c>stats</c> (memgate_version, memgate_role).
/// </remarks>
public static class ProxyVersion
{
    public const string Protocol = "1.6.18";

    public const string Memgate = "0.1.0";
}
