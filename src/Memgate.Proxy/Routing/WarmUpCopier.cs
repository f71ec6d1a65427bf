using System.Buffers;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Puts an item read from the replica back into a warming primary: <c>ms key len F&lt;flags&gt;
/// T&lt;remaining ttl&gt; ME</c> — add mode, so a newer write that reached the primary meanwhile wins
/// (mcrouter's WarmUpRoute uses add the same way). A write of the key that started while the copy
/// was on its way may have been overtaken by it; then the primary is queued for repair from the
/// replica, which turns the race into a later correct copy instead of a stale value.
/// </summary>
internal static class WarmUpCopier
{
    /// <summary>
    /// Sends the prepared add (a rented buffer, returned here) and judges the outcome. A bulk re-sync passes
    /// <paramref name="countAsWarmUp"/> false: its copies are counted apart from the read-driven warm-up's.
    /// </summary>
    public static async Task<WarmCopyOutcome> CopyAsync(ProxyCluster cluster, ClusterNode primary, byte[] key, byte[] add, int length, FenceMark mark, int affinity, bool countAsWarmUp = true)
    {
        ProxyStatistics statistics = cluster.Statistics;
        ValueTask<BackendReply> send;
        try
        {
            if (!mark.Quiet)
            {
                // A write of this key (or a flush_all) was in flight when the replica was read: its
                // value may be older than what the write leaves behind. Don't copy; the write itself refills.
                Count(statistics, primary, copied: false, countAsWarmUp);
                return WarmCopyOutcome.NotCopied;
            }

            send = primary.Backend.SendAsync(add.AsMemory(0, length), ReplyKind.Meta, affinity);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(add);
        }

        using BackendReply stored = await send.ConfigureAwait(false);
        if (stored.IsOk && stored.Span.StartsWith("HD"u8))
        {
            if (!cluster.Fence.Unchanged(mark))
            {
                primary.MissedWrite(key);
            }

            Count(statistics, primary, copied: true, countAsWarmUp);
            return WarmCopyOutcome.Copied;
        }

        if (stored.IsOk && stored.Span.StartsWith("NS"u8))
        {
            return WarmCopyOutcome.Superseded;
        }

        Count(statistics, primary, copied: false, countAsWarmUp);
        return WarmCopyOutcome.NotCopied;
    }

    private static void Count(ProxyStatistics statistics, ClusterNode target, bool copied, bool countAsWarmUp)
    {
        if (!countAsWarmUp)
        {
            Interlocked.Increment(ref copied ? ref statistics.ResyncKeysCopied : ref statistics.ResyncFailures);
            return;
        }

        Interlocked.Increment(ref copied ? ref statistics.WarmupCopies : ref statistics.WarmupCopyFailures);
        target.WarmUp.CountCopy(copied);
    }
}
