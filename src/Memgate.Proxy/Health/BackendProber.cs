using System.Net;
using System.Net.Sockets;
using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Health;

/// <summary>
/// Brings a down backend back: waits the back-off delay, then opens a fresh connection and sends
/// <c>stats</c>; a complete reply within the timeouts marks the backend up. The reply's
/// <c>pid</c>/<c>uptime</c> go to the <see cref="RestartDetector"/> <em>before</em> the backend is marked
/// up, so a backend that restarted while it was down is already warming when requests reach it.
/// Runs in the background so client requests never wait for a probe.
/// </summary>
public sealed class BackendProber : IAsyncDisposable
{
    private const int MaxStatsReply = 64 * 1024;
    private static readonly byte[] StatsRequest = "stats\r\n"u8.ToArray();

    private readonly ServerEndpoint _endpoint;
    private readonly BackendHealth _health;
    private readonly TimeoutSettings _timeouts;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wentDown = new(0);
    private Task? _loop;

    public BackendProber(ServerEndpoint endpoint, BackendHealth health, TimeoutSettings timeouts)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(timeouts);
        _endpoint = endpoint;
        _health = health;
        _timeouts = timeouts;
        _health.StateChanged += OnStateChanged;
    }

    /// <summary>Starts the background loop.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Sends one <c>stats</c> probe, records the backend's identity; true when the backend answered in time.</summary>
    public async Task<bool> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(_timeouts.ConnectMs);
                if (IPAddress.TryParse(_endpoint.Host, out IPAddress? address))
                {
                    await socket.ConnectAsync(new IPEndPoint(address, _endpoint.Port), connect.Token).ConfigureAwait(false);
                }
                else
                {
                    await socket.ConnectAsync(_endpoint.Host, _endpoint.Port, connect.Token).ConfigureAwait(false);
                }
            }

            using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            request.CancelAfter(_timeouts.RequestMs);
            await socket.SendAsync(StatsRequest, SocketFlags.None, request.Token).ConfigureAwait(false);
            byte[] reply = new byte[MaxStatsReply];
            int length = 0;
            while (!IsComplete(reply.AsSpan(0, length)))
            {
                if (length == reply.Length)
                {
                    return false;
                }

                int received = await socket.ReceiveAsync(reply.AsMemory(length), SocketFlags.None, request.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    return false;
                }

                length += received;
            }

            if (BackendIdentity.TryParse(reply.AsSpan(0, length), out BackendIdentity identity))
            {
                _health.Identity.Observe(identity);
            }
            else
            {
                _health.Identity.ObserveUnknown();
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    // A stats listing ends with END; a server without stats answers one ERROR line and is alive too.
    private static bool IsComplete(ReadOnlySpan<byte> reply) =>
        reply.EndsWith("END\r\n"u8) || (reply.StartsWith("ERROR"u8) && reply.EndsWith("\r\n"u8));

    public async ValueTask DisposeAsync()
    {
        _health.StateChanged -= OnStateChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on shutdown.
            }
        }

        _stop.Dispose();
    }

    private void OnStateChanged(BackendState before, BackendState after)
    {
        if (after == BackendState.Down)
        {
            _wentDown.Release();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (_health.State != BackendState.Down)
            {
                await _wentDown.WaitAsync(stop).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(_health.Backoff.Next(), stop).ConfigureAwait(false);
            if (_health.TryBeginProbe())
            {
                _health.EndProbe(await ProbeOnceAsync(stop).ConfigureAwait(false));
            }
        }
    }
}
