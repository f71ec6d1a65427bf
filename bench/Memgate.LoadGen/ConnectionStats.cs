namespace Memgate.LoadGen;

/// <summary>What one connection measured; merged by the run.</summary>
internal sealed class ConnectionStats
{
    public LatencyHistogram Latency { get; } = new();
    public long Requests { get; set; }
    public long Batches { get; set; }
    public long GetKeys { get; set; }
    public long Hits { get; set; }
    public long Errors { get; set; }
    public string? Failure { get; set; }
}
