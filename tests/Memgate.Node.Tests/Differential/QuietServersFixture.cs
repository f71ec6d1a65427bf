namespace Memgate.Node.Tests.Differential;

/// <summary>
/// A differential pair without memcached's background LRU maintainer and crawler threads. Those
/// threads briefly hold item references, and memcached's incr/decr then copies the item instead of
/// rewriting it in place (no space padding, and a TTL change can be lost) — a race inside memcached
/// that random sequences would otherwise hit about once in a few thousand sequences.
/// </summary>
public sealed class QuietServersFixture : DifferentialServersFixture
{
    protected override string[] Flags => ["-o", "no_lru_maintainer,no_lru_crawler"];
}
