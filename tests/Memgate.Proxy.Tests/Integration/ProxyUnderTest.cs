using System.Net;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// Two backends and an in-process proxy in front of them, as <c>memgate cluster</c> sets it up: both
/// nodes are primaries (ketama) and each key's replica is the other node.
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    private ProxyUnderTest(ProxyServer proxy, TestBackend[] backends)
    {
        Proxy = proxy;
        Backends = backends;
        Port = proxy.BoundEndpoints.OfType<IPEndPoint>().First().Port;
    }

    public ProxyServer Proxy { get; }

    public TestBackend[] Backends { get; }

    public int Port { get; }

    public static async Task<ProxyUnderTest> StartAsync(BackendKind kind, Action<ProxySettings>? configure = null)
    {
        var backends = new[]
        {
            await TestBackend.StartAsync(memcached: kind == BackendKind.Memcached),
            await TestBackend.StartAsync(memcached: kind is BackendKind.Memcached or BackendKind.Mixed),
        };
        ProxySettings settings = Settings(backends.Select(b => b.Address).ToList());
        configure?.Invoke(settings);
        for (int attempt = 0; ; attempt++)
        {
            settings.Port = FreePort.Pick();
            try
            {
                return new ProxyUnderTest(ProxyServer.Start(settings), backends);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 3)
            {
                // The free port was taken in between; try another.
            }
        }
    }

    /// <summary>
    /// A proxy over two restartable backends for restart and fault tests: short timeouts, identity checked every
    /// 200 ms, and neither warm-up of nodes first seen empty nor bulk re-sync unless <paramref name="configure"/> turns
    /// them on (the nodes start empty; only a restart is to start anything).
    /// </summary>
    internal static ProxyServer StartForRestarts(Support.RestartableBackend victim, Support.RestartableBackend survivor, Action<ProxySettings>? configure = null)
    {
        ProxySettings settings = Settings([victim.Address, survivor.Address]);
        settings.Timeouts = new TimeoutSettings { ConnectMs = 250, RequestMs = 500 };
        settings.Health.IdentityCheckMs = 200;
        settings.Health.WarmupWhenFirstSeenEmpty = false;
        settings.Health.ResyncWhenEmpty = false;
        configure?.Invoke(settings);
        settings.Port = FreePort.Pick();
        return ProxyServer.Start(settings);
    }

    public static ProxySettings Settings(List<string> servers) => new()
    {
        ListenAddress = "127.0.0.1",
        Pools =
        [
            new PoolSettings { Name = "main", Servers = servers, ReplicaPool = "replica" },
            new PoolSettings { Name = "replica", Servers = [.. servers] },
        ],
        Health = new HealthSettings { ProbeInitialMs = 200, ProbeMaxMs = 1000 },
    };

    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Port);

    /// <summary>The backend that is the key's primary, and the one that holds its replica.</summary>
    public (TestBackend Primary, TestBackend Replica) Locate(string key)
    {
        KeyRoute route = Proxy.Cluster.Router.Locate(System.Text.Encoding.ASCII.GetBytes(key));
        TestBackend primary = Backends.Single(b => b.Address == route.Primary.Address);
        TestBackend replica = Backends.Single(b => b.Address == route.Replica!.Address);
        return (primary, replica);
    }

    /// <summary>A key whose primary is backend <paramref name="index"/>.</summary>
    public string KeyOn(int index, string prefix = "key")
    {
        for (int i = 0; i < 10_000; i++)
        {
            string key = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Locate(key).Primary == Backends[index])
            {
                return key;
            }
        }

        throw new InvalidOperationException("no key found for backend " + index);
    }

    /// <summary>A key whose primary is the backend at <paramref name="address"/> in <paramref name="proxy"/>.</summary>
    public static string KeyWithPrimary(ProxyServer proxy, string address, string prefix)
    {
        for (int i = 0; i < 10_000; i++)
        {
            string key = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (proxy.Cluster.Router.Locate(System.Text.Encoding.ASCII.GetBytes(key)).Primary.Address == address)
            {
                return key;
            }
        }

        throw new InvalidOperationException("no key found for " + address);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (TestBackend backend in Backends)
        {
            await backend.DisposeAsync();
        }
    }
}
