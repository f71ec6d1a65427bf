using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// A retrieval whose keys all live on one trusted primary, its one backend request in flight
/// (<see cref="MultiGetSplitter.TryStartSingleNode"/>); the routes stay for the warm-up and failover paths.
/// </summary>
internal readonly record struct SingleNodeRead(KeyRoute[] Routes, ClusterNode?[] Targets, ValueTask<BackendReply> Whole);
