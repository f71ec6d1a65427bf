using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Memgate.Proxy.Backends;

/// <summary>
/// One in-flight request: the awaitable behind <see cref="BackendConnection.SendAsync"/>. Pooled,
/// so a request costs no Task allocation; it returns to the pool when its result is read.
/// </summary>
internal sealed class PendingRequest : IValueTaskSource<BackendReply>
{
    private const int MaxPooled = 4096;
    private static readonly ConcurrentQueue<PendingRequest> Pool = new();

    // Continuations run inline on the thread that completes the request (the connection's reader):
    // the route, the session and the client's send follow on the same thread, without a queue hop per
    // reply. Callers never block; completions are always raised outside the connection's lock.
    private ManualResetValueTaskSourceCore<BackendReply> _core = new() { RunContinuationsAsynchronously = false };

    public ReplyKind Kind { get; private set; }

    public long StartedAt { get; private set; }

    public long Deadline { get; private set; }

    /// <summary>Set on the queued request of a merged get (<see cref="GetGroup"/>); its reply is split among the group.</summary>
    public GetGroup? Group { get; set; }

    public ValueTask<BackendReply> Task => new(this, _core.Version);

    public static PendingRequest Rent(ReplyKind kind, long now, long timeoutTicks)
    {
        PendingRequest request = Pool.TryDequeue(out PendingRequest? pooled) ? pooled : new PendingRequest();
        request.Kind = kind;
        request.Group = null;
        request.StartedAt = now;
        request.Deadline = now + timeoutTicks;
        return request;
    }

    public void Complete(BackendReply reply) => _core.SetResult(reply);

    public BackendReply GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            if (Pool.Count < MaxPooled)
            {
                Pool.Enqueue(this);
            }
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
