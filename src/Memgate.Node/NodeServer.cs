using System.Net;
using Memgate.Node.Auth;
using Memgate.Node.CommandLine;
using Memgate.Server;
using Memgate.Server.Epoll;
using Memgate.Storage;

namespace Memgate.Node;

/// <summary>A running node: engine, listener and the background expiry crawler. Usable in-process (cluster, tests).</summary>
public sealed class NodeServer : IAsyncDisposable
{
    private const int CrawlBatch = 10_000;
    private readonly NodeContext _node;
    private readonly IConnectionListener _listener;
    private readonly Timer _crawler;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeServer(NodeContext node, IConnectionListener listener)
    {
        _node = node;
        _listener = listener;
        node.Listener = listener;
        node.RequestShutdown = () => _shutdown.TrySetResult();
        _crawler = new Timer(_ => Crawl(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Endpoints actually bound (ports resolved when 0 was asked for).</summary>
    public IReadOnlyList<EndPoint> BoundEndpoints => _listener.BoundEndpoints;

    /// <summary>Completes when a client sent "shutdown" (only allowed with -A).</summary>
    public Task ShutdownRequested => _shutdown.Task;

    /// <summary>Binds the listeners and starts serving.</summary>
    public static NodeServer Start(NodeSettings settings) => Start(settings, authenticator: null);

    /// <summary>
    /// Binds the listeners and starts serving. With -Y and no <paramref name="authenticator"/>, the authfile is loaded
    /// here (throwing <see cref="AuthFileException"/>), so a node asked for authentication never serves without it.
    /// </summary>
    public static NodeServer Start(NodeSettings settings, AsciiAuthenticator? authenticator)
    {
        if (settings.SaslEnabled)
        {
            throw new NotSupportedException(SaslNotSupported.Message);
        }

        if (settings.AuthFile is { } authFile)
        {
            authenticator ??= AsciiAuthenticator.Load(authFile);
        }

        var engine = new CacheEngine(settings.ToCacheOptions(), new SystemCacheClock());
        var serverStatistics = new ServerStatistics();
        var node = new NodeContext(settings, engine, serverStatistics) { Authenticator = authenticator };
        var listener = CreateListener(settings, ListenEndpoints.ToServerOptions(settings), new NodeSessionFactory(node), serverStatistics);
        try
        {
            listener.Start();
            MemcachedPortFile.WriteIfRequested(listener.BoundEndpoints);
        }
        catch
        {
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            engine.Dispose();
            throw;
        }

        return new NodeServer(node, listener);
    }

    /// <summary>The node's sessions complete synchronously, which is what the epoll transport is built for.</summary>
    private static IConnectionListener CreateListener(NodeSettings settings, ServerOptions options, ISessionFactory sessions, ServerStatistics statistics)
        => settings.Transport == NodeTransport.Epoll && EpollListener.IsSupported
            ? new EpollListener(options, sessions, statistics)
            : new ConnectionListener(options, sessions, statistics);

    private void Crawl()
    {
        if (_node.Tunables.LruCrawler)
        {
            _node.Engine.CrawlExpired(CrawlBatch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _crawler.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        _node.Engine.Dispose();
    }
}
