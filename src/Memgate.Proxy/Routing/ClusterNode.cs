using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Health;

namespace Memgate.Proxy.Routing;

/// <summary>
/// One backend server as the router sees it: its pipelined connections and health
/// (<see cref="BackendPool"/>), the writes it missed (<see cref="RepairQueue"/>), and the loop that
/// repairs those keys once it answers again: each is copied from the key's other copy, or deleted
/// when there is nothing to copy, before reads of it are served here again. Its identity is
/// watched (<see cref="IdentityWatch"/>): after a restart, or a flush the proxy sent, it is empty and
/// warms up (<see cref="WarmUp"/>) from the other copies.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private const int ReplayBatch = 256;
    private static readonly byte[] FlushAll = "flush_all\r\n"u8.ToArray();

    private readonly Timer _repairTimer;
    private readonly ProxyStatistics _statistics;
    private readonly IdentityWatch _identity;
    private readonly bool _warmWhenFirstSeenEmpty;
    private int _replaying;
    private long _failovers;
    private long _copyFailures;
    private long _singleCopyWrites;

    public ClusterNode(ServerEndpoint endpoint, int connections, ProxySettings settings, ProxyStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(settings);
        Endpoint = endpoint;
        Address = endpoint.ToString();
        _statistics = statistics;
        Backend = new BackendPool(endpoint, connections, settings.Timeouts, settings.Health);
        Repairs = new RepairQueue(settings.RepairQueueCapacity);
        Backend.Health.StateChanged += OnStateChanged;
        WarmUp = new WarmUpState(settings.Health);
        _warmWhenFirstSeenEmpty = settings.Health.WarmupWhenFirstSeenEmpty;
        _identity = new IdentityWatch(Backend, settings.Health.IdentityCheckMs);
        Backend.Health.Identity.Observed += OnIdentity;
        Backend.Health.ConnectionLost += OnConnectionLost;
        _identity.Start();

        // Repairs are also retried on a timer: a write can fail (one timeout, a reset) without the
        // backend ever leaving Up, and then no state change would trigger the replay.
        _repairTimer = new Timer(static s => ((ClusterNode)s!).StartReplay(), this, 1000, 1000);
    }

    public ServerEndpoint Endpoint { get; }

    /// <summary>Raised when the node is found empty (restarted, first seen empty, or flushed by the proxy).</summary>
    public event Action<ClusterNode>? Emptied;

    /// <summary>"host:port".</summary>
    public string Address { get; }

    /// <summary>Pool names this server belongs to ("main", "main+backup"), for stats and route.</summary>
    public string Roles { get; set; } = string.Empty;

    public BackendPool Backend { get; }

    public RepairQueue Repairs { get; }

    /// <summary>Whether this node's misses are looked up on the other copy (restarted or flushed: empty).</summary>
    public WarmUpState WarmUp { get; }

    /// <summary>Set by <see cref="ProxyCluster"/>: finds the other copy of a key to repair from.</summary>
    public KeyRouter? Router { get; set; }

    /// <summary>Requests this node should have answered that another copy answered instead.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>Writes copied to this node (as replica or by a failed primary) that did not land.</summary>
    public long CopyFailures => Interlocked.Read(ref _copyFailures);

    /// <summary>Acknowledged writes whose copy on this node was missing (queued for repair) while the other copy held them.</summary>
    public long SingleCopyWrites => Interlocked.Read(ref _singleCopyWrites);

    /// <summary>"up", "warming", "suspect", "down" or "probing".</summary>
    public string StateName => Backend.Health.State switch
    {
        BackendState.Up => WarmUp.Mode == WarmUpMode.Warming ? "warming" : "up",
        BackendState.Suspect => "suspect",
        BackendState.Down => "down",
        _ => "probing",
    };

    /// <summary>Whether reads of <paramref name="key"/> may be served here (no missed write pending).</summary>
    public bool Trusts(ReadOnlySpan<byte> key) => !Repairs.Distrusts(key);

    /// <summary>Reads the backend's identity now (tests, and after a lost connection).</summary>
    public Task CheckIdentityAsync() => _identity.CheckOnceAsync();

    public void CountFailover() => Interlocked.Increment(ref _failovers);

    /// <summary>This node missed a write of <paramref name="key"/>: invalidate it here before trusting it again.</summary>
    public void MissedWrite(byte[] key)
    {
        Interlocked.Increment(ref _copyFailures);
        Interlocked.Increment(ref _statistics.RepairsQueued);
        if (!Repairs.Add(key))
        {
            Interlocked.Increment(ref _statistics.RepairOverflows);
        }

        StartReplay();
    }

    /// <summary>
    /// The client was acknowledged a write of a key this node missed (it is in <see cref="Repairs"/>): the key lives on
    /// its other copy alone until the repair replays it. Counted here (the node whose copy is missing) and in total.
    /// </summary>
    public void CountSingleCopyWrite()
    {
        Interlocked.Increment(ref _singleCopyWrites);
        Interlocked.Increment(ref _statistics.SingleCopyWrites);
    }

    /// <summary>Sends every pending invalidation (or a flush_all after an overflow) while the backend answers.</summary>
    public void StartReplay()
    {
        if (Repairs.IsClean || !Backend.Health.AllowsRequests || Interlocked.Exchange(ref _replaying, 1) != 0)
        {
            return;
        }

        _ = ReplayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Backend.Health.StateChanged -= OnStateChanged;
        Backend.Health.Identity.Observed -= OnIdentity;
        Backend.Health.ConnectionLost -= OnConnectionLost;
        await _identity.DisposeAsync().ConfigureAwait(false);
        await _repairTimer.DisposeAsync().ConfigureAwait(false);
        await Backend.DisposeAsync().ConfigureAwait(false);
    }

    private void OnStateChanged(BackendState before, BackendState after)
    {
        if (after == BackendState.Up)
        {
            StartReplay();
        }
    }

    // A restarted process is empty: what it held lives on only in the other copies. A broken
    // connection may hide a restart, so misses are not trusted until the identity was read again.
    private void OnIdentity(IdentityVerdict verdict)
    {
        switch (verdict)
        {
            case IdentityVerdict.Restarted:
                Interlocked.Increment(ref _statistics.RestartsDetected);
                BecameEmpty();
                break;
            case IdentityVerdict.FirstSeenEmpty when _warmWhenFirstSeenEmpty:
                BecameEmpty();
                break;
            default:
                WarmUp.Verified();
                break;
        }
    }

    // Misses are looked up on the other copies meanwhile (warm-up), and a bulk re-sync copies the rest back.
    private void BecameEmpty()
    {
        WarmUp.BeginWarming();
        Emptied?.Invoke(this);
    }

    private void OnConnectionLost()
    {
        WarmUp.BeginVerifying();
        _identity.CheckSoon();
    }

    private async Task ReplayAsync()
    {
        try
        {
            if (Repairs.NeedsFlush)
            {
                using BackendReply reply = await Backend.SendAsync(FlushAll, ReplyKind.Line).ConfigureAwait(false);
                if (reply.IsOk && reply.Span.SequenceEqual("OK\r\n"u8))
                {
                    Repairs.Flushed();
                    Interlocked.Increment(ref _statistics.RepairFlushes);

                    // Flushed means empty: the keys it held are still on their other copies.
                    BecameEmpty();
                }

                return;
            }

            // Bounded passes: a backend that keeps failing is left to the next timer tick.
            for (int pass = 0; pass < 64 && Repairs.Count > 0; pass++)
            {
                List<byte[]> keys = Repairs.Snapshot(ReplayBatch);
                bool allDone = true;
                foreach (byte[] key in keys)
                {
                    if (await RepairAsync(key).ConfigureAwait(false))
                    {
                        Repairs.Forget(key);
                        Interlocked.Increment(ref _statistics.RepairsReplayed);
                    }
                    else
                    {
                        allDone = false;
                    }
                }

                if (!allDone)
                {
                    return;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _replaying, 0);
        }
    }

    // Copies the key from its other copy (mg → ms, TTL kept) so a repaired node serves the current
    // value instead of a miss; when the other copy has nothing or cannot answer, deletes it here.
    private async Task<bool> RepairAsync(byte[] key)
    {
        KeyRoute? route = Router?.Locate(key);
        ClusterNode? other = route is null ? null
            : ReferenceEquals(route.Value.Primary, this) ? route.Value.Replica : route.Value.Primary;
        if (other is not null && other.Trusts(key))
        {
            using BackendReply item = await other.Backend.SendAsync(MetaKey.Line("mg"u8, key, "v f t"u8), ReplyKind.Meta).ConfigureAwait(false);
            if (item.IsOk && ReplicaCopier.TryBuildSet(key, item.Span, out byte[] set, out int length))
            {
                try
                {
                    using BackendReply stored = await Backend.SendAsync(set.AsMemory(0, length), ReplyKind.Meta).ConfigureAwait(false);
                    if (stored.IsOk && stored.Span.StartsWith("HD"u8))
                    {
                        return true;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(set);
                }
            }
        }

        using BackendReply deleted = await Backend.SendAsync(MetaKey.Line("md"u8, key, ""u8), ReplyKind.Meta).ConfigureAwait(false);
        return deleted.IsOk && (deleted.Span.StartsWith("HD"u8) || deleted.Span.StartsWith("NF"u8));
    }

    public override string ToString() => Address;
}
