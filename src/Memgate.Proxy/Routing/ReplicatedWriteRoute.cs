using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Idempotent writes (set, delete, touch, plain ms and md): the same bytes go to the primary and the
/// replica in parallel. The client gets the primary's reply once both answered; when the primary fails it gets the
/// replica's, and the primary is queued to have the key invalidated before it is trusted again.
/// A warming primary's "not found" is not the truth (it lost its content): then the replica's reply
/// is the client's (delete → DELETED when the replica held the key).
/// </summary>
internal static class ReplicatedWriteRoute
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ProxyReply> ExecuteAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        KeyRoute route = cluster.Router.Locate(request.Key);
        int stripe = cluster.Fence.Enter(request.Key);
        bool fenceHandedOff = false;
        try
        {
            ValueTask<BackendReply> primaryTask = route.Primary.Backend.SendAsync(request.Wire, request.ReplyKind, affinity);
            ValueTask<BackendReply> replicaTask = default;
            if (route.Replica is not null)
            {
                Interlocked.Increment(ref cluster.Statistics.ReplicaWrites);
                replicaTask = route.Replica.Backend.SendAsync(request.Wire, request.ReplyKind, affinity);
            }

            BackendReply primary = await primaryTask.ConfigureAwait(false);
            if (primary.IsOk && !ReplyLines.IsBackendFailure(primary.Span))
            {
                route.Primary.Repairs.Forget(request.Key);
                if (route.Replica is null)
                {
                    return ProxyReply.FromBackend(primary);
                }

                if (IsNotFound(primary.Span) && WarmUpReader.Applies(route, request.Key))
                {
                    return await PreferReplicaAsync(cluster, route.Replica, request.Key, primary, replicaTask).ConfigureAwait(false);
                }

                // The client's acknowledgement waits for the replica (sent in parallel, so it costs the slower
                // of two round trips): an acknowledged write is on both copies, or queued for repair on the one
                // that failed — losing the primary right after the reply then loses nothing.
                fenceHandedOff = true;
                bool acknowledged = ReplyLines.IsWriteSuccess(primary.Span);
                await ReplicaTracker.TrackAsync(replicaTask, route.Replica, request.Key, acknowledged, cluster.Statistics, cluster.Fence, stripe).ConfigureAwait(false);
                return ProxyReply.FromBackend(primary);
            }

            route.Primary.MissedWrite(request.Key);
            if (route.Replica is null)
            {
                Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
                return primary.IsOk ? ProxyReply.FromBackend(primary) : ProxyReply.Literal(ReplyLines.BackendUnavailable);
            }

            BackendReply replica = await replicaTask.ConfigureAwait(false);
            if (replica.IsOk && !ReplyLines.IsBackendFailure(replica.Span))
            {
                primary.Dispose();
                route.Replica.Repairs.Forget(request.Key);
                route.Primary.CountFailover();
                Interlocked.Increment(ref cluster.Statistics.WriteFailovers);
                if (ReplyLines.IsWriteSuccess(replica.Span))
                {
                    // Acknowledged from the replica alone; the primary's copy waits in its repair queue.
                    route.Primary.CountSingleCopyWrite();
                }

                return ProxyReply.FromBackend(replica);
            }

            // Neither copy is known to hold the write: both must be invalidated before they serve the key.
            route.Replica.MissedWrite(request.Key);
            Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
            replica.Dispose();
            return primary.IsOk ? ProxyReply.FromBackend(primary) : ProxyReply.Literal(ReplyLines.BackendUnavailable);
        }
        finally
        {
            if (!fenceHandedOff)
            {
                cluster.Fence.Exit(stripe);
            }
        }
    }

    private static bool IsNotFound(ReadOnlySpan<byte> reply) => reply.StartsWith("NOT_FOUND"u8) || reply.StartsWith("NF"u8);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ProxyReply> PreferReplicaAsync(ProxyCluster cluster, ClusterNode replicaNode, byte[] key, BackendReply primary, ValueTask<BackendReply> replicaTask)
    {
        BackendReply replica = await replicaTask.ConfigureAwait(false);
        if (!replica.IsOk || ReplyLines.IsCopyFailure(replica.Span))
        {
            Interlocked.Increment(ref cluster.Statistics.ReplicaFailures);
            replicaNode.MissedWrite(key);
            replica.Dispose();
            return ProxyReply.FromBackend(primary);
        }

        replicaNode.Repairs.Forget(key);
        primary.Dispose();
        return ProxyReply.FromBackend(replica);
    }
}
