namespace Memgate.Proxy.Routing;

/// <summary>
/// Tells a warm-up copy whether a write of the same key raced it. A copy-back reads the key on the
/// replica and adds it to the primary; a delete that reached the primary before the add and the
/// replica after the read would otherwise be undone on the primary (stale data back). Writes count
/// themselves here (striped by key hash, plus one stripe for flush_all) from before they are sent until
/// both copies answered; a copy-back is skipped when a write was in flight at its read and repaired
/// from the replica when one started during it.
/// </summary>
public sealed class WriteFence
{
    private const int Stripes = 4096;
    private const int Global = Stripes;

    private readonly long[] _started = new long[Stripes + 1];
    private readonly long[] _finished = new long[Stripes + 1];

    /// <summary>A write of <paramref name="key"/> begins; pass the result to <see cref="Exit"/> when both copies answered.</summary>
    public int Enter(ReadOnlySpan<byte> key)
    {
        int stripe = StripeOf(key);
        Interlocked.Increment(ref _started[stripe]);
        return stripe;
    }

    /// <summary>A write of every key (flush_all) begins.</summary>
    public int EnterAll()
    {
        Interlocked.Increment(ref _started[Global]);
        return Global;
    }

    /// <summary>The write that <see cref="Enter"/> returned <paramref name="stripe"/> for is finished on every copy.</summary>
    public void Exit(int stripe) => Interlocked.Increment(ref _finished[stripe]);

    /// <summary>Taken before the replica is read.</summary>
    public FenceMark Mark(ReadOnlySpan<byte> key)
    {
        int stripe = StripeOf(key);
        long keyStarted = Interlocked.Read(ref _started[stripe]);
        long globalStarted = Interlocked.Read(ref _started[Global]);

        // Read after the started counts: equal means every write begun before the mark has finished.
        bool quiet = Interlocked.Read(ref _finished[stripe]) == keyStarted && Interlocked.Read(ref _finished[Global]) == globalStarted;
        return new FenceMark(stripe, keyStarted, globalStarted, quiet);
    }

    /// <summary>True when no write of the key's stripe (nor a flush_all) started since <paramref name="mark"/>.</summary>
    public bool Unchanged(FenceMark mark) =>
        Interlocked.Read(ref _started[mark.Stripe]) == mark.KeyWrites && Interlocked.Read(ref _started[Global]) == mark.GlobalWrites;

    private static int StripeOf(ReadOnlySpan<byte> key)
    {
        // FNV-1a: cheap and spreads short keys well enough for striping.
        uint hash = 2166136261;
        foreach (byte b in key)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash & (Stripes - 1));
    }
}
