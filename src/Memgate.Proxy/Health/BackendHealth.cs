using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Health;

/// <summary>
/// Health state machine of one backend: Up → Suspect → Down → Probing → Up (mcrouter's TKO model).
/// Hard down at once on a failed connect (refused, unreachable, connect timeout); soft down after
/// N consecutive request timeouts; while down, requests fail fast and <see cref="BackendProber"/>
/// probes with back-off. Fed by the backend's connections as their <see cref="IBackendObserver"/>.
/// </summary>
public sealed class BackendHealth : IBackendObserver
{
    private readonly HealthSettings _settings;
    private readonly Lock _lock = new();
    // Written under the lock, read without it: the request path checks it on every send.
    private volatile BackendState _state = BackendState.Up;
    private int _consecutiveTimeouts;

    public BackendHealth(HealthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        Backoff = new ProbeBackoff(settings);
    }

    /// <summary>Raised (outside the lock) with the old and new state on every transition.</summary>
    public event Action<BackendState, BackendState>? StateChanged;

    /// <summary>
    /// Raised when an established connection broke. The backend may have restarted behind it (its
    /// cache is then empty), so listeners re-check its identity before trusting its misses.
    /// </summary>
    public event Action? ConnectionLost;

    /// <summary>Who the backend process is; recognises restarts (see <see cref="RestartDetector"/>).</summary>
    public RestartDetector Identity { get; } = new();

    /// <summary>Current state.</summary>
    public BackendState State => _state;

    /// <summary>False while the backend is down or being probed: callers fail fast or fail over.</summary>
    public bool AllowsRequests => State is BackendState.Up or BackendState.Suspect;

    /// <summary>Counters for stats.</summary>
    public BackendCounters Counters { get; } = new();

    /// <summary>Delay policy for probes of this backend.</summary>
    public ProbeBackoff Backoff { get; }

    /// <inheritdoc />
    public void OnReply(TimeSpan latency)
    {
        Counters.AddReply(latency);

        // Checked on every reply: skip the lock while there is nothing to reset (the steady state).
        if (State == BackendState.Up && Volatile.Read(ref _consecutiveTimeouts) == 0)
        {
            return;
        }

        Transition(static (h, s) =>
        {
            h._consecutiveTimeouts = 0;
            return s == BackendState.Suspect ? BackendState.Up : s;
        });
    }

    /// <inheritdoc />
    public void OnTimeout()
    {
        Counters.AddTimeout();
        Transition(static (h, s) =>
        {
            if (s is not (BackendState.Up or BackendState.Suspect))
            {
                return s;
            }

            h._consecutiveTimeouts++;
            return h._consecutiveTimeouts >= h._settings.TimeoutsToMarkDown ? BackendState.Down : BackendState.Suspect;
        });
    }

    /// <inheritdoc />
    public void OnConnectFailed()
    {
        Counters.AddConnectFailure();
        Transition(static (_, s) => s == BackendState.Probing ? s : BackendState.Down);
    }

    /// <inheritdoc />
    public void OnConnectionLost()
    {
        // A reset alone says little (memcached restarts, idle kills); the reconnect that follows
        // either succeeds or fails with a connect error, which marks the backend down.
        Counters.AddConnectionLost();
        ConnectionLost?.Invoke();
    }

    /// <summary>Called by the fast-fail path for stats.</summary>
    public void OnFastFailure() => Counters.AddFastFailure();

    /// <summary>Down → Probing; false if the backend is not down (a probe is not needed).</summary>
    public bool TryBeginProbe()
    {
        bool begun = false;
        Transition((_, s) =>
        {
            begun = s == BackendState.Down;
            return begun ? BackendState.Probing : s;
        });
        return begun;
    }

    /// <summary>Probing → Up (success) or back to Down with a longer back-off (failure).</summary>
    public void EndProbe(bool succeeded)
    {
        Counters.AddProbe(succeeded);
        if (succeeded)
        {
            Backoff.Reset();
        }
        else
        {
            Backoff.Grow();
        }

        Transition((h, s) =>
        {
            if (s != BackendState.Probing)
            {
                return s;
            }

            h._consecutiveTimeouts = 0;
            return succeeded ? BackendState.Up : BackendState.Down;
        });
    }

    private void Transition(Func<BackendHealth, BackendState, BackendState> next)
    {
        BackendState before;
        BackendState after;
        lock (_lock)
        {
            before = _state;
            after = next(this, before);
            _state = after;
        }

        if (before != after)
        {
            Counters.AddStateChange();
            StateChanged?.Invoke(before, after);
        }
    }
}
