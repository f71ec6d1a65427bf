using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Non-idempotent writes (add, replace, cas, append, prepend, incr/decr, ma, conditional ms/md) are
/// never replayed on the replica: the primary executes them, and when it changed the key the replica
/// gets the primary's resulting item (<see cref="ReplicaCopier"/>) — so the two copies cannot diverge
/// the way magent's double-send does. When the primary cannot answer, the replica executes the
/// command instead (its own CAS values and counters) and the primary is queued for invalidation.
/// On a warming primary the key is first copied from the replica (<see cref="WarmUpReader"/>), so
/// incr, append, add and cas decide on the value the cluster held before the restart.
/// </summary>
internal static class PrimaryDecidesRoute
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ProxyReply> ExecuteAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        KeyRoute route = cluster.Router.Locate(request.Key);
        if (route.Primary.Trusts(request.Key) && WarmUpReader.Applies(route, request.Key))
        {
            await WarmUpReader.WarmKeyAsync(cluster, route, request.Key, affinity).ConfigureAwait(false);
        }

        int stripe = cluster.Fence.Enter(request.Key);
        try
        {
            return await DecideAsync(cluster, request, route, affinity, stripe).ConfigureAwait(false);
        }
        finally
        {
            cluster.Fence.Exit(stripe);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ProxyReply> DecideAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute route, int affinity, int stripe)
    {
        BackendReply primary = await route.Primary.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
        if (primary.IsOk && !ReplyLines.IsBackendFailure(primary.Span))
        {
            if (ReplyLines.IsWriteSuccess(primary.Span))
            {
                route.Primary.Repairs.Forget(request.Key);
                if (route.Replica is not null)
                {
                    // Awaited until the replica answered: the client is acknowledged only once the result is
                    // on both copies (or queued for repair), and the copy precedes this client's next request.
                    await ReplicaCopier.CopyAsync(cluster, request, route.Primary, route.Replica, affinity, stripe).ConfigureAwait(false);
                }
            }

            return ProxyReply.FromBackend(primary);
        }

        // Unknown outcome on the primary (it may have applied the command before timing out): it
        // gets the key invalidated before it is trusted again.
        route.Primary.MissedWrite(request.Key);
        if (route.Replica is null || !route.Replica.Trusts(request.Key))
        {
            // A replica that missed earlier writes of the key must not decide a counter or a cas.
            Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
            return primary.IsOk ? ProxyReply.FromBackend(primary) : ProxyReply.Literal(ReplyLines.BackendUnavailable);
        }

        BackendReply replica = await route.Replica.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
        if (replica.IsOk && !ReplyLines.IsBackendFailure(replica.Span))
        {
            primary.Dispose();
            route.Primary.CountFailover();
            Interlocked.Increment(ref cluster.Statistics.WriteFailovers);
            if (ReplyLines.IsWriteSuccess(replica.Span))
            {
                // The replica decided and changed the key; the primary's copy waits in its repair queue.
                route.Primary.CountSingleCopyWrite();
            }

            return ProxyReply.FromBackend(replica);
        }

        route.Replica.MissedWrite(request.Key);
        Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
        replica.Dispose();
        return primary.IsOk ? ProxyReply.FromBackend(primary) : ProxyReply.Literal(ReplyLines.BackendUnavailable);
    }
}
