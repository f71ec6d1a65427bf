using System.Net;
using Memgate.Node;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>One backend server for a test: an in-process memgate node or a real memcached process.</summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly NodeServer? _node;
    private readonly ServerProcess? _process;

    private TestBackend(NodeServer? node, ServerProcess? process, int port)
    {
        _node = node;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Address => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<TestBackend> StartAsync(bool memcached)
    {
        if (memcached)
        {
            ServerProcess process = await MemcachedProcess.StartAsync("-m", "16");
            return new TestBackend(null, process, process.Port);
        }

        NodeServer node = NodeServer.Start(new NodeSettings { TcpPort = -1, ListenAddresses = ["127.0.0.1"], MemoryLimitBytes = 16L * 1024 * 1024 });
        int port = node.BoundEndpoints.OfType<IPEndPoint>().First().Port;
        return new TestBackend(node, null, port);
    }

    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Port);

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
