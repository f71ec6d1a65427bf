using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Copies the item a primary-decided write produced to the replica: <c>mg key v f t</c> on the
/// primary, then <c>ms key len F&lt;flags&gt; T&lt;ttl&gt;</c> with the value on the replica. When the value
/// cannot be read (gone, error), the replica gets <c>md key</c> instead; when that fails too, the
/// key is queued for repair on the replica. The replica never ends up holding a divergent value.
/// </summary>
internal static class ReplicaCopier
{
    private static readonly byte[] ValueFlags = "v f t"u8.ToArray();

    /// <summary>
    /// Copies, and keeps the write in the fence (<paramref name="stripe"/>) until the replica answered; the client's
    /// acknowledgement waits for that answer, so an acknowledged write is on both copies or queued for repair
    /// (then counted as a single-copy write: the primary changed the key, and the client is told so).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask CopyAsync(ProxyCluster cluster, ProxyRequest request, ClusterNode primary, ClusterNode replica, int affinity, int stripe)
    {
        _ = cluster.Fence.Enter(request.Key);
        ProxyStatistics statistics = cluster.Statistics;
        Interlocked.Increment(ref statistics.ReplicaWrites);
        if (request.CopyMode == ReplicaCopyMode.Value)
        {
            using BackendReply item = await primary.Backend.SendAsync(MetaKey.Line("mg"u8, request.Key, ValueFlags), ReplyKind.Meta, affinity).ConfigureAwait(false);
            if (item.IsOk && TryBuildSet(request.Key, item.Span, out byte[]? set, out int length))
            {
                Interlocked.Increment(ref statistics.ReplicaValueCopies);
                ValueTask<BackendReply> copy = replica.Backend.SendAsync(set.AsMemory(0, length), ReplyKind.Meta, affinity);
                ArrayPool<byte>.Shared.Return(set);
                await ReplicaTracker.TrackAsync(copy, replica, request.Key, acknowledged: true, statistics, cluster.Fence, stripe).ConfigureAwait(false);
                return;
            }
        }

        Interlocked.Increment(ref statistics.ReplicaInvalidations);
        ValueTask<BackendReply> invalidate = replica.Backend.SendAsync(MetaKey.Line("md"u8, request.Key, ""u8), ReplyKind.Meta, affinity);
        await ReplicaTracker.TrackAsync(invalidate, replica, request.Key, acknowledged: true, statistics, cluster.Fence, stripe).ConfigureAwait(false);
    }

    /// <summary>Turns "VA len f&lt;flags&gt; t&lt;ttl&gt;\r\ndata\r\n" into an ms request in a rented buffer.</summary>
    internal static bool TryBuildSet(byte[] key, ReadOnlySpan<byte> reply, out byte[] set, out int length) =>
        TryBuildSet(key, reply, default, out set, out length);

    /// <summary>As above, with extra ms flags appended (" ME" for add mode).</summary>
    internal static bool TryBuildSet(byte[] key, ReadOnlySpan<byte> reply, ReadOnlySpan<byte> extraFlags, out byte[] set, out int length)
    {
        set = [];
        length = 0;
        int lineEnd = reply.IndexOf("\r\n"u8);
        if (!reply.StartsWith("VA "u8) || lineEnd < 0)
        {
            return false;
        }

        var tokens = new Memgate.Protocol.Text.TokenReader(reply[3..lineEnd]);
        if (!tokens.TryRead(out ReadOnlySpan<byte> lengthToken) || !Utf8Parser.TryParse(lengthToken, out int dataLength, out _))
        {
            return false;
        }

        ReadOnlySpan<byte> clientFlags = "0"u8;
        long ttl = 0;
        while (tokens.TryRead(out ReadOnlySpan<byte> token))
        {
            if (token[0] == (byte)'f')
            {
                clientFlags = token[1..];
            }
            else if (token[0] == (byte)'t' && Utf8Parser.TryParse(token[1..], out long remaining, out _))
            {
                // mg reports -1 for "never expires", which ms spells T0; an item about to expire
                // (0 left) keeps one second instead of becoming immortal.
                ttl = remaining < 0 ? 0 : Math.Max(remaining, 1);
            }
        }

        ReadOnlySpan<byte> data = reply.Slice(lineEnd + 2, dataLength);
        Span<byte> flags = stackalloc byte[64 + extraFlags.Length];
        int at = 0;
        Utf8Formatter.TryFormat(dataLength, flags, out int written);
        at += written;
        " F"u8.CopyTo(flags[at..]);
        at += 2;
        if (clientFlags.Length > 20)
        {
            return false;
        }

        clientFlags.CopyTo(flags[at..]);
        at += clientFlags.Length;
        " T"u8.CopyTo(flags[at..]);
        at += 2;
        Utf8Formatter.TryFormat(ttl, flags[at..], out written);
        at += written;
        extraFlags.CopyTo(flags[at..]);
        at += extraFlags.Length;

        byte[] line = MetaKey.Line("ms"u8, key, flags[..at]);
        length = line.Length + dataLength + 2;
        set = ArrayPool<byte>.Shared.Rent(length);
        line.CopyTo(set, 0);
        data.CopyTo(set.AsSpan(line.Length));
        set[length - 2] = (byte)'\r';
        set[length - 1] = (byte)'\n';
        return true;
    }
}
