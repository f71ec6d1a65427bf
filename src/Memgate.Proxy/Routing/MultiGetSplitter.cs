using System.Buffers;
using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// get/gets/gat/gats with any number of keys: keys are grouped per backend, each backend gets one
/// request with its keys, all in parallel, and the VALUE blocks are put back in request order. A
/// backend that fails affects only its own keys: they are asked again from their replicas, and a key
/// no copy can answer is a miss — the rest of the reply is unaffected (twemproxy and mcrouter fail
/// the whole multiget, magent fetches key by key). Keys a warming primary missed are looked up on
/// their replicas in one pipelined batch (<see cref="WarmUpReader"/>). gat and gats also touch every key's other
/// copy (<see cref="TouchCopier"/>).
/// </summary>
internal static class MultiGetSplitter
{
    /// <summary>
    /// Routes the keys and starts the request. True in the common case — every key on one trusted primary — with the
    /// one backend request in <paramref name="read"/>: the caller awaits it and hands the reply to <see cref="Finish"/>
    /// (a session does that itself, so the common read costs no async method of its own). Otherwise false, with the
    /// whole reply in <paramref name="other"/>.
    /// </summary>
    public static bool TryStartSingleNode(ProxyCluster cluster, ProxyRequest request, int affinity, out SingleNodeRead read, out ValueTask<ProxyReply> other)
    {
        byte[][] keys = request.Keys;
        ProxyStatistics statistics = cluster.Statistics;
        Interlocked.Add(ref statistics.CmdGet, keys.Length);
        read = default;
        if (keys.Length == 0)
        {
            other = new ValueTask<ProxyReply>(ProxyReply.Literal(ReplyLines.End));
            return false;
        }

        var routes = new KeyRoute[keys.Length];
        var targets = new ClusterNode?[keys.Length];
        bool samePrimary = true;
        for (int i = 0; i < keys.Length; i++)
        {
            routes[i] = cluster.Router.Locate(keys[i]);
            targets[i] = ReadTarget(routes[i], keys[i]);
            samePrimary &= ReferenceEquals(targets[i], routes[0].Primary);
        }

        if (request.Touches)
        {
            // gat/gats: each key's other copy is touched now, with the read, not after it.
            for (int i = 0; i < keys.Length; i++)
            {
                TouchCopier.Start(cluster, routes[i], keys[i], request.TouchTtl, affinity);
            }
        }

        if (!samePrimary)
        {
            other = SplitAsync(cluster, request, routes, targets, failedPrimary: null, affinity);
            return false;
        }

        read = new SingleNodeRead(routes, targets, routes[0].Primary.Backend.SendAsync(request.Wire, ReplyKind.Retrieval, affinity));
        other = default;
        return true;
    }

    /// <summary>The client's reply once the single node answered: passed through untouched, or warm-up / failover.</summary>
    public static ValueTask<ProxyReply> Finish(ProxyCluster cluster, ProxyRequest request, SingleNodeRead read, BackendReply whole, int affinity)
    {
        KeyRoute[] routes = read.Routes;
        if (whole.IsOk && !ReplyLines.IsBackendFailure(whole.Span))
        {
            int hits = RetrievalBlocks.Count(whole.Span);
            if (hits == request.Keys.Length || !routes[0].Primary.WarmUp.IsActive)
            {
                CountHits(cluster.Statistics, hits, request.Keys.Length);
                return new ValueTask<ProxyReply>(ProxyReply.FromBackend(whole));
            }

            return WarmWholeAsync(cluster, request, routes, whole, affinity);
        }

        whole.Dispose();
        return SplitAsync(cluster, request, routes, read.Targets, failedPrimary: routes[0].Primary, affinity);
    }

    // Primary when it holds the latest write of the key, else the replica when that does, else nobody (a miss).
    private static ClusterNode? ReadTarget(KeyRoute route, byte[] key)
    {
        if (route.Primary.Trusts(key))
        {
            return route.Primary;
        }

        return route.Replica is not null && route.Replica.Trusts(key) ? route.Replica : null;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ProxyReply> SplitAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute[] routes, ClusterNode?[] targets, ClusterNode? failedPrimary, int affinity)
    {
        byte[][] keys = request.Keys;
        var slots = new BlockSlot[keys.Length];
        var replies = new List<BackendReply>(4);

        // Touching reads: keys the replica answered because their primary failed (its TTL is then unknown).
        bool[]? failedOver = request.Touches ? new bool[keys.Length] : null;
        try
        {
            for (int i = 0; i < keys.Length; i++)
            {
                slots[i].Reply = -1;
                if (failedPrimary is not null && ReferenceEquals(targets[i], failedPrimary))
                {
                    targets[i] = FailoverTarget(routes[i], keys[i], failedPrimary, cluster.Statistics);
                    if (failedOver is not null)
                    {
                        failedOver[i] = targets[i] is not null;
                    }
                }
            }

            bool[] askedPrimary = new bool[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                askedPrimary[i] = targets[i] is not null && ReferenceEquals(targets[i], routes[i].Primary);
            }

            List<int> retry = await FetchAsync(request, targets, slots, replies, affinity).ConfigureAwait(false);
            foreach (int i in retry)
            {
                askedPrimary[i] = false;
            }

            if (retry.Count > 0)
            {
                Array.Clear(targets);
                foreach (int i in retry)
                {
                    targets[i] = FailoverTarget(routes[i], keys[i], routes[i].Primary, cluster.Statistics);
                    if (failedOver is not null)
                    {
                        failedOver[i] = targets[i] is not null;
                    }
                }

                List<int> lost = await FetchAsync(request, targets, slots, replies, affinity).ConfigureAwait(false);
                Interlocked.Add(ref cluster.Statistics.RequestsFailed, lost.Count);
                if (failedOver is not null)
                {
                    foreach (int i in lost)
                    {
                        failedOver[i] = false;
                    }
                }
            }

            if (failedOver is not null)
            {
                for (int i = 0; i < keys.Length; i++)
                {
                    if (failedOver[i])
                    {
                        TouchCopier.PrimaryFailed(routes[i], keys[i]);
                    }
                }
            }

            await WarmMissesAsync(cluster, request, routes, askedPrimary, slots, replies, affinity).ConfigureAwait(false);
            return Assemble(cluster.Statistics, slots, replies);
        }
        finally
        {
            foreach (BackendReply reply in replies)
            {
                reply.Dispose();
            }
        }
    }

    // Every key on one warming primary, some missed: keep its blocks, warm the misses, reassemble.
    private static async ValueTask<ProxyReply> WarmWholeAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute[] routes, BackendReply whole, int affinity)
    {
        byte[][] keys = request.Keys;
        var slots = new BlockSlot[keys.Length];
        var replies = new List<BackendReply>(2) { whole };
        try
        {
            var all = new List<int>(keys.Length);
            for (int i = 0; i < keys.Length; i++)
            {
                slots[i].Reply = -1;
                all.Add(i);
            }

            Match(whole.Span, 0, keys, all, slots);
            bool[] askedPrimary = new bool[keys.Length];
            Array.Fill(askedPrimary, true);
            await WarmMissesAsync(cluster, request, routes, askedPrimary, slots, replies, affinity).ConfigureAwait(false);
            return Assemble(cluster.Statistics, slots, replies);
        }
        finally
        {
            foreach (BackendReply reply in replies)
            {
                reply.Dispose();
            }
        }
    }

    // Keys a warming primary answered with a miss: look them up on their replicas; plain get takes
    // the replica's blocks, the CAS- or TTL-changing verbs read the keys again where they now are.
    private static async Task WarmMissesAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute[] routes, bool[] askedPrimary, BlockSlot[] slots, List<BackendReply> replies, int affinity)
    {
        byte[][] keys = request.Keys;
        List<int>? cold = null;
        for (int i = 0; i < keys.Length; i++)
        {
            if (askedPrimary[i] && slots[i].Reply < 0 && WarmUpReader.Applies(routes[i], keys[i]) && !IsDuplicate(keys, i, cold))
            {
                (cold ??= []).Add(i);
            }
        }

        if (cold is null)
        {
            return;
        }

        WarmUpFill fill = await WarmUpReader.FillAsync(cluster, request, routes, cold, affinity).ConfigureAwait(false);
        if (fill.Blocks is not null)
        {
            replies.Add(new BackendReply(BackendStatus.Ok, fill.Blocks, fill.BlocksLength));
            foreach ((int index, int start, int length) in fill.Found)
            {
                slots[index] = new BlockSlot { Reply = replies.Count - 1, Start = start, Length = length };
            }
        }

        var targets = new ClusterNode?[keys.Length];
        foreach (int i in fill.FromPrimary)
        {
            targets[i] = routes[i].Primary;
        }

        foreach (int i in fill.FromReplica)
        {
            targets[i] = routes[i].Replica;
        }

        if (fill.FromPrimary.Count + fill.FromReplica.Count > 0)
        {
            await FetchAsync(request, targets, slots, replies, affinity).ConfigureAwait(false);
        }

        // A key asked twice ("get a a") gets its block twice, as memcached answers.
        for (int i = 0; i < keys.Length; i++)
        {
            if (slots[i].Reply < 0 && askedPrimary[i])
            {
                for (int j = 0; j < i; j++)
                {
                    if (slots[j].Reply >= 0 && keys[j].AsSpan().SequenceEqual(keys[i]))
                    {
                        slots[i] = slots[j];
                        break;
                    }
                }
            }
        }
    }

    private static bool IsDuplicate(byte[][] keys, int index, List<int>? cold)
    {
        if (cold is null)
        {
            return false;
        }

        foreach (int i in cold)
        {
            if (keys[i].AsSpan().SequenceEqual(keys[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static ClusterNode? FailoverTarget(KeyRoute route, byte[] key, ClusterNode failed, ProxyStatistics statistics)
    {
        if (!ReferenceEquals(route.Primary, failed) || route.Replica is null || !route.Replica.Trusts(key))
        {
            return null;
        }

        route.Primary.CountFailover();
        Interlocked.Increment(ref statistics.ReadFailovers);
        return route.Replica;
    }

    // One request per target node, all in flight together; returns the keys whose node failed.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<List<int>> FetchAsync(ProxyRequest request, ClusterNode?[] targets, BlockSlot[] slots, List<BackendReply> replies, int affinity)
    {
        byte[][] keys = request.Keys;
        var groups = new List<KeyGroup>();
        for (int i = 0; i < keys.Length; i++)
        {
            ClusterNode? node = targets[i];
            if (node is null)
            {
                continue;
            }

            KeyGroup? group = FindGroup(groups, node);
            if (group is null)
            {
                group = new KeyGroup(node);
                groups.Add(group);
            }

            group.Indices.Add(i);
        }

        foreach (KeyGroup group in groups)
        {
            byte[] line = BuildLine(request.RetrievalVerb, keys, group.Indices, out int length);
            group.Reply = group.Node.Backend.SendAsync(line.AsMemory(0, length), ReplyKind.Retrieval, affinity);
            ArrayPool<byte>.Shared.Return(line);
        }

        var failed = new List<int>();
        foreach (KeyGroup group in groups)
        {
            BackendReply reply = await group.Reply.ConfigureAwait(false);
            if (!reply.IsOk || ReplyLines.IsBackendFailure(reply.Span))
            {
                reply.Dispose();
                failed.AddRange(group.Indices);
                continue;
            }

            replies.Add(reply);
            Match(reply.Span, replies.Count - 1, keys, group.Indices, slots);
        }

        return failed;
    }

    // A loop, not List.Find with a lambda: the lambda captures node, one closure per key.
    private static KeyGroup? FindGroup(List<KeyGroup> groups, ClusterNode node)
    {
        foreach (KeyGroup group in groups)
        {
            if (ReferenceEquals(group.Node, node))
            {
                return group;
            }
        }

        return null;
    }

    // Blocks come back in the order the keys were asked, misses left out: match them greedily.
    private static void Match(ReadOnlySpan<byte> reply, int replyIndex, byte[][] keys, List<int> indices, BlockSlot[] slots)
    {
        var blocks = new RetrievalBlocks(reply);
        int next = 0;
        while (blocks.TryNext(out ReadOnlySpan<byte> key, out int start, out int length))
        {
            while (next < indices.Count && !key.SequenceEqual(keys[indices[next]]))
            {
                next++;
            }

            if (next == indices.Count)
            {
                return;
            }

            slots[indices[next]] = new BlockSlot { Reply = replyIndex, Start = start, Length = length };
            next++;
        }
    }

    private static byte[] BuildLine(byte[] verb, byte[][] keys, List<int> indices, out int length)
    {
        length = verb.Length + 2;
        foreach (int i in indices)
        {
            length += keys[i].Length + 1;
        }

        byte[] line = ArrayPool<byte>.Shared.Rent(length);
        verb.CopyTo(line, 0);
        int at = verb.Length;
        foreach (int i in indices)
        {
            line[at++] = (byte)' ';
            keys[i].CopyTo(line, at);
            at += keys[i].Length;
        }

        line[at++] = (byte)'\r';
        line[at++] = (byte)'\n';
        return line;
    }

    private static ProxyReply Assemble(ProxyStatistics statistics, BlockSlot[] slots, List<BackendReply> replies)
    {
        int length = ReplyLines.End.Length;
        int hits = 0;
        foreach (BlockSlot slot in slots)
        {
            if (slot.Reply >= 0)
            {
                length += slot.Length;
                hits++;
            }
        }

        CountHits(statistics, hits, slots.Length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        int at = 0;
        foreach (BlockSlot slot in slots)
        {
            if (slot.Reply >= 0)
            {
                replies[slot.Reply].Span.Slice(slot.Start, slot.Length).CopyTo(buffer.AsSpan(at));
                at += slot.Length;
            }
        }

        ReplyLines.End.CopyTo(buffer, at);
        return ProxyReply.Rented(buffer, length);
    }

    private static void CountHits(ProxyStatistics statistics, int hits, int keys)
    {
        Interlocked.Add(ref statistics.GetHits, hits);
        Interlocked.Add(ref statistics.GetMisses, keys - hits);
    }

    private struct BlockSlot
    {
        public int Reply;
        public int Start;
        public int Length;
    }

    private sealed class KeyGroup(ClusterNode node)
    {
        public ClusterNode Node { get; } = node;

        public List<int> Indices { get; } = [];

        public ValueTask<BackendReply> Reply { get; set; }
    }
}
