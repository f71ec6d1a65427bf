namespace Memgate.Proxy.Health;

/// <summary>What one look at a backend's identity (<see cref="BackendIdentity"/>) says.</summary>
public enum IdentityVerdict
{
    /// <summary>The same process as last time.</summary>
    Same,

    /// <summary>First look; the backend holds items (or does not report curr_items).</summary>
    FirstSeen,

    /// <summary>First look and the backend is empty: it may have restarted while no proxy watched.</summary>
    FirstSeenEmpty,

    /// <summary>Another process than last time (pid changed, uptime went backwards or the boot time moved): its cache is empty.</summary>
    Restarted,

    /// <summary>The backend answered but reports no pid/uptime: nothing can be told.</summary>
    Unknown,
}
