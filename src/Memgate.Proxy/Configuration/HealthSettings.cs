namespace Memgate.Proxy.Configuration;

/// <summary>Parameters of the per-backend health state machine (see Health/BackendHealth).</summary>
public sealed class HealthSettings
{
    /// <summary>Consecutive request timeouts that mark a backend down (soft down, mcrouter's default 3).</summary>
    public int TimeoutsToMarkDown { get; set; } = 3;

    /// <summary>Delay before the first probe of a down backend, in milliseconds.</summary>
    public int ProbeInitialMs { get; set; } = 1000;

    /// <summary>Upper bound of the probe delay, in milliseconds.</summary>
    public int ProbeMaxMs { get; set; } = 30_000;

    /// <summary>Factor the probe delay grows by after each failed probe.</summary>
    public double ProbeBackoffMultiplier { get; set; } = 1.5;

    /// <summary>Random extra delay as a fraction of the probe delay (0.2 = up to +20 %), so proxies don't probe in lockstep.</summary>
    public double ProbeJitter { get; set; } = 0.2;
}
