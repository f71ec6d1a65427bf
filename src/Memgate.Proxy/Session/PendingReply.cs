using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Session;

/// <summary>
/// One request of a client batch waiting for its reply: either the route's reply, or — for the common single-node
/// read — the backend reply itself, which the session awaits and finishes (<see cref="MultiGetSplitter.Finish"/>).
/// </summary>
internal readonly struct PendingReply
{
    public PendingReply(ProxyRequest? request, ValueTask<ProxyReply> reply)
    {
        Request = request;
        Reply = reply;
    }

    public PendingReply(ProxyRequest request, SingleNodeRead read)
    {
        Request = request;
        Read = read;
        IsSingleNodeRead = true;
    }

    /// <summary>The request (null for an answer the session made itself: an error, version, stats…).</summary>
    public ProxyRequest? Request { get; }

    public ValueTask<ProxyReply> Reply { get; }

    public SingleNodeRead Read { get; }

    public bool IsSingleNodeRead { get; }
}
