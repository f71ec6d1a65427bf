namespace Memgate.Proxy.Health;

/// <summary>Where a backend is in the health state machine.</summary>
public enum BackendState
{
    /// <summary>Healthy; requests flow.</summary>
    Up,

    /// <summary>Recent timeouts, fewer than the limit; requests still flow. One reply brings it back to Up.</summary>
    Suspect,

    /// <summary>Requests fail fast; a probe is scheduled with back-off.</summary>
    Down,

    /// <summary>A probe (<c>stats</c>, which also reads the identity) is running; requests still fail fast.</summary>
    Probing,
}
