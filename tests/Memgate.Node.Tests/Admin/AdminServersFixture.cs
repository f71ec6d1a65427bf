using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Admin;

/// <summary>
/// memcached 1.6.18 and a memgate node with default flags, plus a pair started with -X -W (dumps and watch disabled).
/// Admin commands change server-wide settings, so these servers are kept apart from the other differential tests.
/// </summary>
public sealed class AdminServersFixture : IAsyncLifetime
{
    private readonly List<ServerProcess> _servers = [];

    public DifferentialHarness Harness { get; private set; } = null!;

    public DifferentialHarness Restricted { get; private set; } = null!;

    public ServerProcess Memcached => Harness.Reference;

    public ServerProcess Memgate => Harness.Candidate;

    public async Task InitializeAsync()
    {
        Harness = new DifferentialHarness(await StartAsync(ServerKind.Memcached), await StartAsync(ServerKind.Memgate));
        Restricted = new DifferentialHarness(await StartAsync(ServerKind.Memcached, "-X", "-W"), await StartAsync(ServerKind.Memgate, "-X", "-W"));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private async Task<ServerProcess> StartAsync(ServerKind kind, params string[] arguments)
    {
        // Like memcached, the node refuses to run as root unless -u names the user (the tests run as root).
        var server = await ServerProcess.StartAsync(kind, kind == ServerKind.Memgate && Environment.UserName == "root" ? ["-u", "root", .. arguments] : arguments);
        _servers.Add(server);
        return server;
    }
}
