namespace Memgate.Proxy.Routing;

/// <summary>How a warm-up lookup of one key ended (see <see cref="WarmUpReader"/>).</summary>
public enum WarmCopyOutcome
{
    /// <summary>Nothing to copy: no usable replica, or the replica has no such key.</summary>
    ReplicaMiss,

    /// <summary>The replica's item was added to the primary.</summary>
    Copied,

    /// <summary>The primary already had the key again (a newer write won the add): read the primary.</summary>
    Superseded,

    /// <summary>The replica has the key but it could not be copied (a write was in flight, or the primary failed): read the replica.</summary>
    NotCopied,
}
