namespace Memgate.Proxy.Backends;

/// <summary>What a <see cref="BackendConnection"/> reports about its backend; health tracking listens.</summary>
public interface IBackendObserver
{
    /// <summary>A reply arrived after <paramref name="latency"/>.</summary>
    void OnReply(TimeSpan latency);

    /// <summary>A request got no reply within the request timeout.</summary>
    void OnTimeout();

    /// <summary>Connecting failed (refused, unreachable, or the connect timeout expired).</summary>
    void OnConnectFailed();

    /// <summary>An established connection broke or sent garbage.</summary>
    void OnConnectionLost();
}
