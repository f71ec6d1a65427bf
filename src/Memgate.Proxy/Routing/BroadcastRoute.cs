using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// flush_all goes to every backend (primaries and replicas) in parallel. A backend that misses it is
/// marked "needs flush": it serves no reads until a later flush_all reaches it, so flushed data can
/// never come back. The client gets OK when at least one backend flushed. It counts as a write of
/// every key in the <see cref="WriteFence"/>, so no warm-up copy started before it lands after it.
/// </summary>
internal static class BroadcastRoute
{
    public static async ValueTask<ProxyReply> ExecuteAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        int stripe = cluster.Fence.EnterAll();
        try
        {
            return await FlushAsync(cluster, request, affinity).ConfigureAwait(false);
        }
        finally
        {
            cluster.Fence.Exit(stripe);
        }
    }

    private static async ValueTask<ProxyReply> FlushAsync(ProxyCluster cluster, ProxyRequest request, int affinity)
    {
        IReadOnlyList<ClusterNode> nodes = cluster.Nodes;
        var sends = new ValueTask<BackendReply>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            sends[i] = nodes[i].Backend.SendAsync(request.Wire, ReplyKind.Line, affinity);
        }

        int flushed = 0;
        for (int i = 0; i < sends.Length; i++)
        {
            using BackendReply reply = await sends[i].ConfigureAwait(false);
            if (reply.IsOk && reply.Span.SequenceEqual("OK\r\n"u8))
            {
                flushed++;
                nodes[i].Repairs.Flushed();
            }
            else
            {
                nodes[i].Repairs.MarkNeedsFlush();
            }
        }

        if (flushed > 0)
        {
            return ProxyReply.Literal(ReplyLines.Ok);
        }

        Interlocked.Increment(ref cluster.Statistics.RequestsFailed);
        return ProxyReply.Literal(ReplyLines.BackendUnavailable);
    }
}
