namespace Memgate.Server;

/// <summary>Connection-level counters, updated with interlocked operations; named after memcached's stats.</summary>
public sealed class ServerStatistics
{
    public long CurrConnections;
    public long TotalConnections;
    public long RejectedConnections;
    public long ConnectionStructures;
    public long BytesRead;
    public long BytesWritten;
    public long ConnYields;
    public long IdleKicks;
    public long ListenDisabledNum;
    public long MaxConnections;

    /// <summary>Socket send calls; bytes_written / SendOperations shows how well replies are batched.</summary>
    public long SendOperations;

    /// <summary>stats reset clears the resettable counters, as memcached does.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref TotalConnections, 0);
        Interlocked.Exchange(ref RejectedConnections, 0);
        Interlocked.Exchange(ref BytesRead, 0);
        Interlocked.Exchange(ref BytesWritten, 0);
        Interlocked.Exchange(ref ConnYields, 0);
        Interlocked.Exchange(ref IdleKicks, 0);
        Interlocked.Exchange(ref ListenDisabledNum, 0);
    }
}
