using System.Buffers.Text;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Touching reads (gat, gats, <c>mg</c> with <c>T</c>) change the TTL of the copy that answers. The key's other copy
/// gets <c>mg &lt;key&gt; T&lt;ttl&gt;</c> (a touch that returns HD/EN, never a value) sent together with the read, not after
/// it: the client's reply waits for no extra round trip, and the touch leaves before the client's next request, so a
/// pipelined <c>set</c> of the same key cannot overtake it on the other copy. The outcome is tracked in the background
/// (<see cref="ReplicaTracker.TrackTouchAsync"/>): a failed touch queues the key for repair on that copy. So the other
/// copy's TTL changes exactly as with a replicated <c>touch</c> — also when the answering copy misses the key.
/// </summary>
internal static class TouchCopier
{
    /// <summary>
    /// Sends the touch to <paramref name="route"/>'s replica when the primary serves the read. Nothing is sent when
    /// the replica is queued for repair of the key (the repair copies the item, TTL included) or the primary is
    /// (the read then goes to the replica, which the read itself touches).
    /// </summary>
    public static void Start(ProxyCluster cluster, KeyRoute route, byte[] key, long ttl, int affinity)
    {
        ClusterNode? replica = route.Replica;
        if (replica is null || !route.Primary.Trusts(key) || !replica.Trusts(key))
        {
            return;
        }

        // Not in the write fence: the fence would make this read's own warm-up copy (a warming primary's miss) skip,
        // and it is not needed — a touching read that misses a warming primary copies the key and then asks the
        // primary again with the client's request, which sets the TTL there whatever TTL the copy carried.
        Interlocked.Increment(ref cluster.Statistics.ReplicaTouches);
        Span<byte> flags = stackalloc byte[24];
        flags[0] = (byte)'T';
        Utf8Formatter.TryFormat(ttl, flags[1..], out int written);
        ValueTask<BackendReply> touch = replica.Backend.SendAsync(MetaKey.Line("mg"u8, key, flags[..(written + 1)]), ReplyKind.Meta, affinity);
        _ = ReplicaTracker.TrackTouchAsync(touch, replica, key, cluster.Statistics);
    }

    /// <summary>
    /// The primary failed a touching read that the replica then answered: whether the primary applied the new TTL is
    /// unknown, so its copy is repaired from the replica before it is trusted again.
    /// </summary>
    public static void PrimaryFailed(KeyRoute route, byte[] key)
    {
        if (route.Replica is not null && route.Primary.Trusts(key) && route.Replica.Trusts(key))
        {
            route.Primary.MissedWrite(key);
        }
    }
}
