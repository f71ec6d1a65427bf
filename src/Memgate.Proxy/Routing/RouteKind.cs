namespace Memgate.Proxy.Routing;

/// <summary>Which route handles a request.</summary>
public enum RouteKind : byte
{
    /// <summary>get/gets/gat/gats: <see cref="MultiGetSplitter"/>.</summary>
    Retrieval,

    /// <summary>Idempotent writes (set, delete, touch, plain ms/md): <see cref="ReplicatedWriteRoute"/>.</summary>
    ReplicatedWrite,

    /// <summary>add, replace, cas, append, prepend, incr/decr, conditional ms/md, ma: <see cref="PrimaryDecidesRoute"/>.</summary>
    PrimaryDecides,

    /// <summary>Single-key meta reads (mg, me): <see cref="FailoverReadRoute"/>.</summary>
    FailoverRead,

    /// <summary>flush_all: <see cref="BroadcastRoute"/>.</summary>
    Broadcast,
}
