namespace Memgate.Proxy.Routing;

/// <summary>Whether a backend's misses can be trusted (see <see cref="WarmUpState"/>).</summary>
public enum WarmUpMode
{
    /// <summary>The backend holds what was written to it: a miss is a miss.</summary>
    Off,

    /// <summary>A connection to it broke and its identity is being re-read: it may have restarted, so misses are looked up on the other copy until the check says otherwise.</summary>
    Verifying,

    /// <summary>It restarted (or was flushed) and is empty: misses are looked up on the other copy and hits copied back.</summary>
    Warming,
}
