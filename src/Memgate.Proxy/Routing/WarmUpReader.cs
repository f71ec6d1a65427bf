using System.Buffers;
using System.Buffers.Text;
using Memgate.Protocol.Text;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// The read side of warm-up (mcrouter's WarmUpRoute): a miss on a warming primary is looked up on
/// the key's replica with <c>mg key v f t</c>; a hit is copied back into the primary in add mode with
/// its remaining TTL and flags (<see cref="WarmUpCopier"/>). Plain <c>get</c> answers with the replica's
/// value at once and copies in the background. Everything that hands out a CAS value or changes the
/// item (gets, gat, gats, mg, me, and primary-decided writes) copies first and then asks the primary,
/// so a client never gets the replica's CAS as if it were the primary's.
/// </summary>
internal static class WarmUpReader
{
    private static readonly byte[] ItemFlags = "v f t"u8.ToArray();
    /// <summary>Meta set mode "add": a copy never replaces what a newer write left on the target.</summary>
    internal static readonly byte[] AddMode = " ME"u8.ToArray();

    /// <summary>Whether a miss of <paramref name="key"/> on its primary is to be looked up on the replica.</summary>
    public static bool Applies(KeyRoute route, ReadOnlySpan<byte> key) =>
        route.Replica is not null && route.Primary.WarmUp.IsActive && route.Replica.Trusts(key);

    /// <summary>Single key: looks it up on the replica and, on a hit, waits for the copy into the primary.</summary>
    public static async ValueTask<WarmCopyOutcome> WarmKeyAsync(ProxyCluster cluster, KeyRoute route, byte[] key, int affinity)
    {
        FenceMark mark = cluster.Fence.Mark(key);
        using BackendReply item = await LookupAsync(route.Replica!, key, affinity).ConfigureAwait(false);
        return await StartCopy(cluster, route.Primary, key, item, mark, affinity).ConfigureAwait(false);
    }

    /// <summary>Multi-key: looks up every missed key (indices in <paramref name="cold"/>) on its replica, all pipelined.</summary>
    public static async Task<WarmUpFill> FillAsync(ProxyCluster cluster, ProxyRequest request, KeyRoute[] routes, List<int> cold, int affinity)
    {
        byte[][] keys = request.Keys;
        bool plainGet = request.Command == TextCommand.Get;
        var marks = new FenceMark[cold.Count];
        var lookups = new ValueTask<BackendReply>[cold.Count];
        for (int j = 0; j < cold.Count; j++)
        {
            int i = cold[j];
            marks[j] = cluster.Fence.Mark(keys[i]);
            lookups[j] = LookupAsync(routes[i].Replica!, keys[i], affinity);
        }

        var fill = new WarmUpFill();
        var blocks = new ArrayBufferWriter<byte>();
        var copies = new List<(int Index, Task<WarmCopyOutcome> Copy)>();
        for (int j = 0; j < cold.Count; j++)
        {
            int i = cold[j];
            using BackendReply item = await lookups[j].ConfigureAwait(false);
            Task<WarmCopyOutcome> copy = StartCopy(cluster, routes[i].Primary, keys[i], item, marks[j], affinity);
            if (!IsHit(item))
            {
                continue;
            }

            if (!plainGet)
            {
                copies.Add((i, copy));
            }
            else
            {
                int start = blocks.WrittenCount;
                if (TryWriteValueBlock(keys[i], item.Span, blocks))
                {
                    fill.Found.Add((i, start, blocks.WrittenCount - start));
                }
            }
        }

        foreach ((int index, Task<WarmCopyOutcome> copy) in copies)
        {
            WarmCopyOutcome outcome = await copy.ConfigureAwait(false);
            (outcome == WarmCopyOutcome.NotCopied ? fill.FromReplica : fill.FromPrimary).Add(index);
        }

        if (blocks.WrittenCount > 0)
        {
            fill.Blocks = ArrayPool<byte>.Shared.Rent(blocks.WrittenCount);
            blocks.WrittenSpan.CopyTo(fill.Blocks);
            fill.BlocksLength = blocks.WrittenCount;
        }

        return fill;
    }

    /// <summary>The item with its flags and remaining TTL: <c>mg key v f t</c>.</summary>
    internal static ValueTask<BackendReply> LookupAsync(ClusterNode replica, byte[] key, int affinity) =>
        replica.Backend.SendAsync(MetaKey.Line("mg"u8, key, ItemFlags), ReplyKind.Meta, affinity);

    internal static bool IsHit(in BackendReply item) => item.IsOk && item.Span.StartsWith("VA "u8);

    // Counts the lookup and, on a hit, starts the add into the primary (plain get does not wait for it).
    private static Task<WarmCopyOutcome> StartCopy(ProxyCluster cluster, ClusterNode primary, byte[] key, in BackendReply item, FenceMark mark, int affinity)
    {
        bool hit = IsHit(item);
        primary.WarmUp.RecordLookup(hit);
        Interlocked.Increment(ref cluster.Statistics.WarmupLookups);
        if (!hit)
        {
            return Task.FromResult(WarmCopyOutcome.ReplicaMiss);
        }

        Interlocked.Increment(ref cluster.Statistics.WarmupHits);
        if (!ReplicaCopier.TryBuildSet(key, item.Span, AddMode, out byte[] add, out int length))
        {
            return Task.FromResult(WarmCopyOutcome.NotCopied);
        }

        return WarmUpCopier.CopyAsync(cluster, primary, key, add, length, mark, affinity);
    }

    // "VA len f<flags> t<ttl>\r\ndata\r\n" → "VALUE key flags len\r\ndata\r\n", as the primary would have answered get.
    private static bool TryWriteValueBlock(byte[] key, ReadOnlySpan<byte> item, IBufferWriter<byte> output)
    {
        int lineEnd = item.IndexOf("\r\n"u8);
        var tokens = new TokenReader(item[3..lineEnd]);
        if (!tokens.TryRead(out ReadOnlySpan<byte> lengthToken) || !Utf8Parser.TryParse(lengthToken, out int dataLength, out _)
            || item.Length < lineEnd + 2 + dataLength + 2)
        {
            return false;
        }

        ReadOnlySpan<byte> flags = "0"u8;
        while (tokens.TryRead(out ReadOnlySpan<byte> token))
        {
            if (token[0] == (byte)'f')
            {
                flags = token[1..];
            }
        }

        Span<byte> number = stackalloc byte[16];
        Utf8Formatter.TryFormat(dataLength, number, out int numberLength);
        Write(output, "VALUE "u8);
        Write(output, key);
        Write(output, " "u8);
        Write(output, flags);
        Write(output, " "u8);
        Write(output, number[..numberLength]);
        Write(output, "\r\n"u8);
        Write(output, item.Slice(lineEnd + 2, dataLength + 2));
        return true;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
