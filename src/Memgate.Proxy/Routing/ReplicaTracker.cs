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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask TrackAsync(ValueTask<BackendReply> copy, ClusterNode replica, byte[] key, ProxyStatistics statistics, WriteFence? fence = null, int stripe = 0)
    {
        try
        {
            using BackendReply reply = await copy.ConfigureAwait(false);
            if (!reply.IsOk || ReplyLines.IsCopyFailure(reply.Span))
            {
                Interlocked.Increment(ref statistics.ReplicaFailures);
                replica.MissedWrite(key);
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
}
