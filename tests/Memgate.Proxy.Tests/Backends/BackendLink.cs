using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;
using Memgate.Server.Epoll;

namespace Memgate.Proxy.Tests.Backends;

public enum BackendLinkKind
{
    /// <summary><see cref="BackendConnection"/>, called from any thread.</summary>
    Shared,
    /// <summary><see cref="LoopBackendConnection"/> on its own epoll loop thread, called through the loop.</summary>
    Loop,
}

/// <summary>A backend connection of either kind, as the tests drive it.</summary>
public interface IBackendLink : IAsyncDisposable
{
    /// <summary>Requests sent or queued and not yet answered.</summary>
    int InFlight { get; }

    ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind);
}

internal static class BackendLink
{
    public static IBackendLink Create(BackendLinkKind kind, ServerEndpoint endpoint, TimeSpan connectTimeout, TimeSpan requestTimeout) => kind switch
    {
        BackendLinkKind.Shared => new SharedLink(new BackendConnection(endpoint, connectTimeout, requestTimeout)),
        _ => new LoopLink(endpoint, connectTimeout, requestTimeout),
    };

    private sealed class SharedLink(BackendConnection connection) : IBackendLink
    {
        public int InFlight => connection.InFlight;

        public ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind) => connection.SendAsync(request, kind);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>Each request is posted to the loop (in order) and its reply handed back to the test's thread.</summary>
    private sealed class LoopLink : IBackendLink
    {
        private readonly EventLoopThread _thread = new();
        private readonly LoopBackendConnection _connection;

        public LoopLink(ServerEndpoint endpoint, TimeSpan connectTimeout, TimeSpan requestTimeout) =>
            _connection = new LoopBackendConnection(_thread.Scheduler, endpoint, connectTimeout, requestTimeout, observer: null);

        public int InFlight => _connection.InFlight;

        public ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind)
        {
            var reply = new TaskCompletionSource<BackendReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            byte[] bytes = request.ToArray();
            _thread.Scheduler.Post(_ => _ = ForwardAsync(_connection.SendAsync(bytes, kind), reply), null);
            return new ValueTask<BackendReply>(reply.Task);
        }

        public ValueTask DisposeAsync() => _thread.DisposeAsync();

        private static async Task ForwardAsync(ValueTask<BackendReply> pending, TaskCompletionSource<BackendReply> reply) =>
            reply.SetResult(await pending.ConfigureAwait(false));
    }
}
