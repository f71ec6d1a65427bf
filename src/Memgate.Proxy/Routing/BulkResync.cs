using System.Collections.Concurrent;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Refills a node that was found empty (restarted, or flushed after its repair queue overflowed) in the
/// background: every other node's keys are listed with <c>lru_crawler metadump all</c>, and each key whose other
/// copy belongs on the emptied node — it is the key's primary and the source its replica, or the other way round —
/// is read from the source (<c>mg key v f t</c>) and added to the node with its flags and remaining TTL, in add
/// mode and under the same write fence as warm-up copies (<see cref="WarmUpCopier"/>), so a newer write or a
/// delete is never undone. Without it only the keys read during warm-up would come back, and a key never read
/// would live on one copy until rewritten.
/// </summary>
internal sealed class BulkResync : IAsyncDisposable
{
    /// <summary>Copies in flight per source.</summary>
    private const int Window = 64;
    private const int BusyRetries = 30;
    private static readonly TimeSpan BusyPause = TimeSpan.FromSeconds(1);

    private readonly ProxyCluster _cluster;
    private readonly ConcurrentDictionary<ClusterNode, RunState> _states = new();
    private readonly CancellationTokenSource _stopping = new();

    public BulkResync(ProxyCluster cluster) => _cluster = cluster;

    /// <summary>Starts (or, when one runs, schedules another) re-sync of <paramref name="target"/>.</summary>
    public void Start(ClusterNode target)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        RunState state = _states.GetOrAdd(target, static _ => new RunState());
        Interlocked.Exchange(ref state.Pending, 1);
        if (Interlocked.CompareExchange(ref state.Running, 1, 0) == 0)
        {
            _ = RunAsync(target, state);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(ClusterNode target, RunState state)
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (Interlocked.Exchange(ref state.Pending, 0) == 1 && !stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cluster.Statistics.ResyncRuns);
                foreach (ClusterNode source in _cluster.Nodes)
                {
                    if (!ReferenceEquals(source, target))
                    {
                        await FromSourceAsync(source, target, stopping).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The proxy is stopping.
        }
        finally
        {
            Volatile.Write(ref state.Running, 0);
            if (Volatile.Read(ref state.Pending) == 1 && Interlocked.CompareExchange(ref state.Running, 1, 0) == 0)
            {
                _ = RunAsync(target, state);
            }
        }
    }

    private async Task FromSourceAsync(ClusterNode source, ClusterNode target, CancellationToken stopping)
    {
        TimeSpan connectTimeout = TimeSpan.FromMilliseconds(_cluster.Settings.Timeouts.ConnectMs * 4);
        for (int attempt = 0; attempt < BusyRetries; attempt++)
        {
            await using var dump = new MetadumpReader();
            var copies = new List<Task>(Window);
            try
            {
                await dump.ConnectAsync(source.Endpoint.Host, source.Endpoint.Port, connectTimeout, stopping).ConfigureAwait(false);
                await foreach (byte[] key in dump.KeysAsync(stopping).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _cluster.Statistics.ResyncKeysScanned);
                    if (!BelongsOn(key, source, target))
                    {
                        continue;
                    }

                    copies.Add(CopyAsync(source, target, key));
                    if (copies.Count == Window)
                    {
                        await Task.WhenAll(copies).ConfigureAwait(false);
                        copies.Clear();
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException
                || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
            {
                Interlocked.Increment(ref _cluster.Statistics.ResyncFailures);
                return;
            }
            finally
            {
                await Task.WhenAll(copies).ConfigureAwait(false);
            }

            if (dump.Failure is null)
            {
                return;
            }

            if (!dump.Busy)
            {
                Interlocked.Increment(ref _cluster.Statistics.ResyncFailures);
                return;
            }

            // memcached's crawler is busy with another job: ask again shortly.
            await Task.Delay(BusyPause, stopping).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _cluster.Statistics.ResyncFailures);
    }

    // The key's two copies are the source and the target, and the source holds the latest write of it.
    private bool BelongsOn(byte[] key, ClusterNode source, ClusterNode target)
    {
        KeyRoute route = _cluster.Router.Locate(key);
        bool pair = (ReferenceEquals(route.Primary, target) && ReferenceEquals(route.Replica, source))
            || (ReferenceEquals(route.Replica, target) && ReferenceEquals(route.Primary, source));
        return pair && source.Trusts(key);
    }

    private async Task CopyAsync(ClusterNode source, ClusterNode target, byte[] key)
    {
        try
        {
            FenceMark mark = _cluster.Fence.Mark(key);
            using BackendReply item = await WarmUpReader.LookupAsync(source, key, affinity: 0).ConfigureAwait(false);
            if (!WarmUpReader.IsHit(item))
            {
                return; // Deleted or expired since the dump listed it.
            }

            if (!ReplicaCopier.TryBuildSet(key, item.Span, WarmUpReader.AddMode, out byte[] add, out int length))
            {
                Interlocked.Increment(ref _cluster.Statistics.ResyncFailures);
                return;
            }

            await WarmUpCopier.CopyAsync(_cluster, target, key, add, length, mark, affinity: 0, countAsWarmUp: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in one copy must not end the re-sync (nor the process).
            Interlocked.Increment(ref _cluster.Statistics.ResyncFailures);
        }
    }

    private sealed class RunState
    {
        public int Running;
        public int Pending;
    }
}
