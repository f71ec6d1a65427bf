using System.Diagnostics;

namespace Memgate.LoadGen;

/// <summary>
/// The shared clock of a run: connections run freely until <see cref="Open"/> marks the start of
/// measuring; from then on they count requests and stop at the deadline or at the request budget.
/// </summary>
internal sealed class MeasurementWindow(long requestBudget, double durationSeconds)
{
    private long _start = long.MaxValue;
    private long _deadline = long.MaxValue;
    private long _requests;
    private long _lastFinish;

    public long Start => Volatile.Read(ref _start);

    public long LastFinish => Volatile.Read(ref _lastFinish);

    public void Open()
    {
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _deadline, now + (long)(durationSeconds * Stopwatch.Frequency));
        Volatile.Write(ref _start, now);
    }

    /// <summary>Counts a measured batch; true once the run should stop.</summary>
    public bool Count(int requests, long now) =>
        Interlocked.Add(ref _requests, requests) >= requestBudget || now >= Volatile.Read(ref _deadline);

    /// <summary>True once the deadline passed (checked by connections still warming up).</summary>
    public bool Expired(long now) => now >= Volatile.Read(ref _deadline);

    public void Finished(long now)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastFinish);
        }
        while (now > seen && Interlocked.CompareExchange(ref _lastFinish, now, seen) != seen);
    }
}
