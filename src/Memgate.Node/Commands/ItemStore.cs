using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>
/// memcached's do_store_item on top of the engine: set/add/replace/append/prepend/cas semantics, CAS checks,
/// stale-CAS invalidation, and the rule that a failed set removes the old value.
/// </summary>
internal static class ItemStore
{
    public static StoreOutcome Store(NodeContext node, in StoreRequest request, out ulong storedCas)
    {
        storedCas = 0;
        var stats = node.Statistics;
        using var cache = node.Engine.Lock();

        // memcached allocates the new item before looking at the old one: an oversized add fails with
        // "too large" even when the key exists, and any failed allocation drops the old value of a set.
        var allocation = cache.Allocate(request.Key, request.Data.Length, request.ClientFlags, request.ExpTime, out var item);
        if (allocation != AllocationResult.Ok)
        {
            if (request.Mode == StoreMode.Set)
            {
                var stale = cache.Find(request.Key, out _);
                if (!stale.IsNone)
                {
                    cache.Unlink(stale);
                }
            }

            return allocation == AllocationResult.TooLarge ? StoreOutcome.TooLarge : StoreOutcome.OutOfMemory;
        }

        request.Data.CopyTo(cache.ValueSpan(item));
        cache.SetKeyBinary(item, request.KeyIsBinary);
        var old = cache.Find(request.Key, out var lookup);
        CountLookup(stats, lookup);
        if (old.IsNone)
        {
            return StoreNew(cache, stats, request, item, out storedCas);
        }

        var oldView = cache.View(old);
        ulong oldCas = oldView.Cas;
        var casCheck = request.CompareCas == 0 ? CasCheck.None
            : request.CompareCas == oldCas ? CasCheck.Match
            : request.AllowStale && request.CompareCas < oldCas ? CasCheck.Stale
            : CasCheck.BadValue;

        switch (request.Mode)
        {
            case StoreMode.Add:
                cache.Bump(old, fetch: false);
                cache.Free(item);
                return StoreOutcome.NotStored;

            case StoreMode.Cas:
                if (casCheck == CasCheck.Match)
                {
                    Interlocked.Increment(ref stats.CasHits);
                }
                else if (casCheck == CasCheck.Stale)
                {
                    // A stale write keeps the TTL and the win-token state; the value is marked stale.
                    cache.SetExpTime(item, oldView.ExpTime);
                    cache.SetStale(item, true);
                    cache.SetWinTokenSent(item, oldView.WinTokenSent);
                    Interlocked.Increment(ref stats.CasHits);
                }
                else
                {
                    Interlocked.Increment(ref stats.CasBadval);
                    cache.Free(item);
                    return StoreOutcome.Exists;
                }

                break;

            case StoreMode.Append:
            case StoreMode.Prepend:
                if (casCheck is not (CasCheck.None or CasCheck.Match))
                {
                    cache.Free(item);
                    return StoreOutcome.Exists;
                }

                var combined = Concatenate(cache, request, old, oldView, item);
                cache.Free(item);
                if (combined.IsNone)
                {
                    return StoreOutcome.NotStored;
                }

                cache.SetKeyBinary(combined, request.KeyIsBinary);
                item = combined;
                break;
        }

        storedCas = cache.Link(item, request.ExplicitCas);
        return StoreOutcome.Stored;
    }

    private static StoreOutcome StoreNew(CacheLock cache, NodeStatistics stats, in StoreRequest request, ItemHandle item, out ulong storedCas)
    {
        storedCas = 0;
        switch (request.Mode)
        {
            case StoreMode.Set:
            case StoreMode.Add:
                storedCas = cache.Link(item, request.ExplicitCas);
                return StoreOutcome.Stored;
            case StoreMode.Cas:
                Interlocked.Increment(ref stats.CasMisses);
                cache.Free(item);
                return StoreOutcome.NotFound;
            default:
                cache.Free(item);
                return StoreOutcome.NotStored;
        }
    }

    private static ItemHandle Concatenate(CacheLock cache, in StoreRequest request, ItemHandle old, ItemView oldView, ItemHandle part)
    {
        int oldLength = oldView.Value.Length;
        uint flags = oldView.ClientFlags;
        uint expTime = oldView.ExpTime;
        if (cache.Allocate(request.Key, oldLength + request.Data.Length, flags, expTime, out var combined, keepAlive: old) != AllocationResult.Ok)
        {
            return ItemHandle.None;
        }

        // Views are only valid until the next engine call that may move memory, so read them again.
        var target = cache.ValueSpan(combined);
        var oldValue = cache.View(old).Value;
        var newValue = cache.View(part).Value;
        if (request.Mode == StoreMode.Append)
        {
            oldValue.CopyTo(target);
            newValue.CopyTo(target[oldLength..]);
        }
        else
        {
            newValue.CopyTo(target);
            oldValue.CopyTo(target[newValue.Length..]);
        }

        return combined;
    }

    /// <summary>Counts get_expired / get_flushed the way memcached's item lookup does.</summary>
    public static void CountLookup(NodeStatistics stats, LookupOutcome outcome)
    {
        if (outcome == LookupOutcome.Expired)
        {
            Interlocked.Increment(ref stats.GetExpired);
        }
        else if (outcome == LookupOutcome.Flushed)
        {
            Interlocked.Increment(ref stats.GetFlushed);
        }
    }

    private enum CasCheck : byte
    {
        None,
        Match,
        Stale,
        BadValue,
    }
}
