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

    /// <summary>How often each backend's identity (<c>stats pid/uptime</c>) is checked for a restart, in milliseconds; also at once after a lost connection.</summary>
    public int IdentityCheckMs { get; set; } = 1000;

    /// <summary>Longest time a restarted (empty) backend stays warming: its misses are looked up on the other copy and copied back.</summary>
    public int WarmupSeconds { get; set; } = 300;

    /// <summary>Lookups per evaluation window of the warm-up hit share.</summary>
    public int WarmupWindowLookups { get; set; } = 1000;

    /// <summary>Warming ends early when, over a full window, fewer than this percentage of lookups hit on the other copy.</summary>
    public double WarmupExitHitPercent { get; set; } = 1.0;

    /// <summary>A backend found empty (<c>curr_items 0</c>) the first time the proxy sees it is warmed too (it may have restarted while no proxy watched).</summary>
    public bool WarmupWhenFirstSeenEmpty { get; set; } = true;

    /// <summary>A node found empty is also refilled in the background from the other copies' metadumps (bulk re-sync),
    /// not only with the keys read while it warms.</summary>
    public bool ResyncWhenEmpty { get; set; } = true;
}
