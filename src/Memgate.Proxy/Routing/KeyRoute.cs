namespace Memgate.Proxy.Routing;

/// <summary>Where a key lives: its primary, and the replica that holds the copy (null without a replica pool).</summary>
public readonly record struct KeyRoute(ClusterNode Primary, ClusterNode? Replica);
