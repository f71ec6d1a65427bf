using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Single-key reads (mg, me): the primary answers unless it fails, times out, is down, or missed a
/// write of the key; then the replica answers. A miss on the primary is final (magent's rule, kept:
/// asking the replica on every miss would double the load of a cold cache) — unless the primary is
/// warming after a restart: then the key is copied from the replica into the primary first and the
/// request asked again there (<see cref="WarmUpReader"/>), so its CAS and flags come from the primary.
/// An mg with T also touches the key's other copy (<see cref="TouchCopier"/>).
/// </summary>
internal static class FailoverReadRoute
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ProxyReply> ExecuteAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        KeyRoute route = cluster.Router.Locate(request.Key);
        bool primaryTrusted = route.Primary.Trusts(request.Key);
        if (request.Touches)
        {
            TouchCopier.Start(cluster, route, request.Key, request.TouchTtl, affinity);
        }

        if (primaryTrusted)
        {
            BackendReply primary = await route.Primary.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
            if (primary.IsOk && !ReplyLines.IsBackendFailure(primary.Span))
            {
                if (!primary.Span.StartsWith("EN"u8) || !WarmUpReader.Applies(route, request.Key))
                {
                    return ProxyReply.FromBackend(primary);
                }

                return await WarmAsync(cluster, request, route, primary, affinity).ConfigureAwait(false);
            }

            primary.Dispose();
        }

        if (route.Replica is null || !route.Replica.Trusts(request.Key))
        {
            Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
            return ProxyReply.Literal(ReplyLines.BackendUnavailable);
        }

        route.Primary.CountFailover();
        Interlocked.Increment(ref cluster.Statistics.ReadFailovers);
        BackendReply replica = await route.Replica.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
        if (replica.IsOk)
        {
            if (request.Touches && primaryTrusted && !ReplyLines.IsBackendFailure(replica.Span))
            {
                TouchCopier.PrimaryFailed(route, request.Key);
            }

            return ProxyReply.FromBackend(replica);
        }

        Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
        return ProxyReply.Literal(ReplyLines.BackendUnavailable);
    }

    private static async ValueTask<ProxyReply> WarmAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute route, BackendReply miss, int affinity)
    {
        WarmCopyOutcome outcome = await WarmUpReader.WarmKeyAsync(cluster, route, request.Key, affinity).ConfigureAwait(false);
        if (outcome == WarmCopyOutcome.ReplicaMiss)
        {
            return ProxyReply.FromBackend(miss);
        }

        ClusterNode target = outcome == WarmCopyOutcome.NotCopied ? route.Replica! : route.Primary;
        BackendReply again = await target.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
        if (again.IsOk && !ReplyLines.IsBackendFailure(again.Span))
        {
            miss.Dispose();
            return ProxyReply.FromBackend(again);
        }

        again.Dispose();
        return ProxyReply.FromBackend(miss);
    }
}
