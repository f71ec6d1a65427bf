namespace Memgate.Proxy.Routing;

/// <summary>What the replica gets after a primary-decided write succeeded.</summary>
public enum ReplicaCopyMode : byte
{
    /// <summary>The primary's resulting item: <c>mg key v f t</c> on the primary, then <c>ms</c> on the replica.</summary>
    Value,

    /// <summary>An invalidation (<c>md key</c>): used for conditional deletes.</summary>
    Invalidate,
}
