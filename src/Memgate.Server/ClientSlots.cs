namespace Memgate.Server;

/// <summary>
/// The -c budget shared by both listeners: how many clients may be connected (memcached subtracts its reserved
/// descriptors and the listening sockets), taking and releasing slots, and the connection_structures high-water mark.
/// </summary>
internal sealed class ClientSlots(ServerOptions options, ServerStatistics statistics)
{
    private long _clients;
    private long _peak;

    /// <summary>Listening sockets count against -c in memcached; set once they are bound.</summary>
    public int ListenerCount { get; set; }

    public int Limit => Math.Max(0, options.MaxConnections - options.ReservedConnections - ListenerCount);

    public bool HasFree => Volatile.Read(ref _clients) < Limit;

    /// <summary>Takes a slot for a new client; false when the limit is reached (the client is then rejected).</summary>
    public bool TryTake()
    {
        long count = Interlocked.Increment(ref _clients);
        if (count > Limit)
        {
            Interlocked.Decrement(ref _clients);
            return false;
        }

        UpdatePeak(count);
        return true;
    }

    public void Release() => Interlocked.Decrement(ref _clients);

    private void UpdatePeak(long count)
    {
        long peak = Volatile.Read(ref _peak);
        while (count > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peak, count, peak);
            if (seen == peak)
            {
                // memcached allocates a connection structure per descriptor and never frees it: a high-water mark.
                Interlocked.Exchange(ref statistics.ConnectionStructures, ListenerCount + count);
                return;
            }

            peak = seen;
        }
    }
}
