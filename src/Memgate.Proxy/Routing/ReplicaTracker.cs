using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Watches a write copied to a replica after the client already has its reply: a copy that fails
/// is counted and queued as a repair on that replica, never silently dropped (magent's flaw). The
/// write leaves the <see cref="WriteFence"/> only here, when its last copy answered.
/// </summary>
internal static class ReplicaTracker
{
    /// <summary>
    /// Waits for a write's copy. <paramref name="acknowledged"/>: the client is told the write succeeded, so a failed
    /// copy leaves an acknowledged write on one copy only (<see cref="ClusterNode.CountSingleCopyWrite"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask TrackAsync(ValueTask<BackendReply> copy, ClusterNode replica, byte[] key, bool acknowledged, ProxyStatistics statistics, WriteFence? fence = null, int stripe = 0)
    {
        try
        {
            using BackendReply reply = await copy.ConfigureAwait(false);
            if (!reply.IsOk || ReplyLines.IsCopyFailure(reply.Span))
            {
                Interlocked.Increment(ref statistics.ReplicaFailures);
                replica.MissedWrite(key);
                if (acknowledged)
                {
                    replica.CountSingleCopyWrite();
                }
            }
            else
            {
                replica.Repairs.Forget(key);
            }
        }
        finally
        {
            fence?.Exit(stripe);
        }
    }

    /// <summary>
    /// Waits for the touch a touching read sent to the key's other copy (<see cref="TouchCopier"/>), in the background.
    /// A failed touch is a missed write like a failed copy (the repair copies the item, TTL included, from the copy
    /// that answered); a successful one leaves the repair queue alone — a touch does not make a stale copy current.
    /// A miss (EN) is no failure: that copy does not hold the key, so it has no TTL to diverge.
    /// </summary>
    public static async Task TrackTouchAsync(ValueTask<BackendReply> touch, ClusterNode node, byte[] key, ProxyStatistics statistics)
    {
        using BackendReply reply = await touch.ConfigureAwait(false);
        if (!reply.IsOk || ReplyLines.IsCopyFailure(reply.Span))
        {
            Interlocked.Increment(ref statistics.ReplicaFailures);
            node.MissedWrite(key);
        }
    }
}
