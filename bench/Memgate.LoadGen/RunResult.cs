namespace Memgate.LoadGen;

/// <summary>The numbers of one run, before they are written as a JSON line.</summary>
internal sealed class RunResult
{
    public required LoadOptions Options { get; init; }
    public double PreloadSeconds { get; set; }
    public long PreloadErrors { get; set; }
    public double MeasuredSeconds { get; set; }
    public LatencyHistogram Latency { get; } = new();
    public long Requests { get; set; }
    public long Batches { get; set; }
    public long GetKeys { get; set; }
    public long Hits { get; set; }
    public long Errors { get; set; }
    public int FailedConnections { get; set; }
    public string? FirstFailure { get; set; }
    public long ServerCpuTicks { get; set; } = -1;
    public long BackendCpuTicks { get; set; } = -1;
    public long LoadGenCpuTicks { get; set; }
    public long MachineBusyTicks { get; set; } = -1;
    public long ServerRssStartKiB { get; set; } = -1;
    public long ServerRssEndKiB { get; set; } = -1;
    public long BackendRssEndKiB { get; set; } = -1;

    public void Add(ConnectionStats stats)
    {
        Latency.Add(stats.Latency);
        Requests += stats.Requests;
        Batches += stats.Batches;
        GetKeys += stats.GetKeys;
        Hits += stats.Hits;
        Errors += stats.Errors;
        if (stats.Failure is not null)
        {
            FailedConnections++;
            FirstFailure ??= stats.Failure;
        }
    }
}
