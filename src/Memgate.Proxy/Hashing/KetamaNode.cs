using System.Globalization;

namespace Memgate.Proxy.Hashing;

/// <summary>
/// One server as ketama sees it: the string its ring points are derived from, and its weight.
/// </summary>
/// <param name="Name">Point name base; see <see cref="NameFor"/> for the libmemcached/twemproxy rule.</param>
/// <param name="Weight">Relative weight (≥ 1).</param>
public readonly record struct KetamaNode(string Name, int Weight)
{
    /// <summary>The default memcached port, which both libmemcached and twemproxy leave out of point names.</summary>
    public const int DefaultPort = 11211;

    /// <summary>
    /// The point name libmemcached and twemproxy derive from an address: "host:port", or just
    /// "host" when the port is 11211 (kept for compatibility with the original libketama).
    /// The host is used as written in the configuration (a name is not resolved first), so
    /// "localhost" and "127.0.0.1" are different servers to the ring, exactly as for the clients.
    /// </summary>
    public static string NameFor(string host, int port) =>
        port == DefaultPort ? host : host + ":" + port.ToString(CultureInfo.InvariantCulture);
}
