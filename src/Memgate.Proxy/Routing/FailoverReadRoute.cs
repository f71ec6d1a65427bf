using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Single-key reads (mg, me): the primary answers unless it fails, times out, is down, or missed a
/// write of the key; then the replica answers. A miss on the primary is final (magent's rule, kept:
/// asking the replica on every miss would double the load of a cold cache).
/// </summary>
internal static class FailoverReadRoute
{
    public static async ValueTask<ProxyReply> ExecuteAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        KeyRoute route = cluster.Router.Locate(request.Key);
        bool primaryTrusted = route.Primary.Trusts(request.Key);
        if (primaryTrusted)
        {
            BackendReply primary = await route.Primary.Backend.SendAsync(request.Wire, request.ReplyKind, affinity).ConfigureAwait(false);
            if (primary.IsOk && !ReplyLines.IsBackendFailure(primary.Span))
            {
                return ProxyReply.FromBackend(primary);
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
            return ProxyReply.FromBackend(replica);
        }

        Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
        return ProxyReply.Literal(ReplyLines.BackendUnavailable);
    }
}
