using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Health;

/// <summary>
/// Delay before the next probe of a down backend: starts at the initial delay, grows by the
/// multiplier after each failed probe up to the maximum, plus random jitter so that many proxies
/// (or many backends) don't probe in lockstep.
/// </summary>
public sealed class ProbeBackoff
{
    private readonly HealthSettings _settings;
    private double _currentMs;

    public ProbeBackoff(HealthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _currentMs = settings.ProbeInitialMs;
    }

    /// <summary>The next delay, jitter included; each call after a failure grows the base delay.</summary>
    public TimeSpan Next()
    {
        double jitter = 1 + (Random.Shared.NextDouble() * _settings.ProbeJitter);
        return TimeSpan.FromMilliseconds(_currentMs * jitter);
    }

    /// <summary>A probe failed: grow the base delay.</summary>
    public void Grow() => _currentMs = Math.Min(_currentMs * _settings.ProbeBackoffMultiplier, _settings.ProbeMaxMs);

    /// <summary>The backend is up again: start from the initial delay next time.</summary>
    public void Reset() => _currentMs = _settings.ProbeInitialMs;
}
