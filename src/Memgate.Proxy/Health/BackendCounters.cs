namespace Memgate.Proxy.Health;

/// <summary>Per-backend counters for <c>stats</c>. Updated with interlocked operations from any thread.</summary>
public sealed class BackendCounters
{
    private long _replies;
    private long _timeouts;
    private long _connectFailures;
    private long _connectionsLost;
    private long _fastFailures;
    private long _stateChanges;
    private long _probes;
    private long _probeFailures;
    private long _latencyTotalMicros;
    private long _latencyMaxMicros;

    public long Replies => Interlocked.Read(ref _replies);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    /// <summary>Requests refused without being sent because the backend was down.</summary>
    public long FastFailures => Interlocked.Read(ref _fastFailures);

    public long StateChanges => Interlocked.Read(ref _stateChanges);

    public long Probes => Interlocked.Read(ref _probes);

    public long ProbeFailures => Interlocked.Read(ref _probeFailures);

    /// <summary>All failures: timeouts, connect failures and lost connections.</summary>
    public long Failures => Timeouts + ConnectFailures + ConnectionsLost;

    /// <summary>Mean reply latency in microseconds (0 before the first reply).</summary>
    public long LatencyMeanMicros => Replies == 0 ? 0 : Interlocked.Read(ref _latencyTotalMicros) / Replies;

    public long LatencyMaxMicros => Interlocked.Read(ref _latencyMaxMicros);

    internal void AddReply(TimeSpan latency)
    {
        long micros = (long)latency.TotalMicroseconds;
        Interlocked.Increment(ref _replies);
        Interlocked.Add(ref _latencyTotalMicros, micros);
        long max = Interlocked.Read(ref _latencyMaxMicros);
        while (micros > max)
        {
            long seen = Interlocked.CompareExchange(ref _latencyMaxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    internal void AddTimeout() => Interlocked.Increment(ref _timeouts);

    internal void AddConnectFailure() => Interlocked.Increment(ref _connectFailures);

    internal void AddConnectionLost() => Interlocked.Increment(ref _connectionsLost);

    internal void AddFastFailure() => Interlocked.Increment(ref _fastFailures);

    internal void AddStateChange() => Interlocked.Increment(ref _stateChanges);

    internal void AddProbe(bool succeeded)
    {
        Interlocked.Increment(ref _probes);
        if (!succeeded)
        {
            Interlocked.Increment(ref _probeFailures);
        }
    }
}
