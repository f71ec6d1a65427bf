using System.Globalization;
using Memgate.Proxy.Tests.Integration;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Cli;

/// <summary>`memgate cluster` and `memgate proxy` as separate processes, the way a newcomer runs them.</summary>
[Collection(Support.RealProcessCollection.Name)]
public sealed class ClusterCommandTests
{
    [Fact]
    public async Task Cluster_command_serves_the_proxy_and_copies_keys_to_both_nodes()
    {
        IReadOnlyList<int> ports = FreePort.PickMany(3);
        await using var cluster = MemgateProcess.StartMemgate(
            RepositoryLayout.MemgateDll(),
            ["cluster", "--node-ports", $"{ports[0]},{ports[1]}", "--proxy-port", ports[2].ToString(CultureInfo.InvariantCulture)]);
        Assert.True(await cluster.WaitForPortAsync(ports[2], TimeSpan.FromSeconds(20)), cluster.Describe());

        await using (RawClient proxy = await RawClient.ConnectAsync(ports[2]))
        {
            Assert.Equal("STORED\r\n", await proxy.LineAsync("set hello 0 0 5\r\nworld\r\n"));
            Assert.Equal("VALUE hello 0 5\r\nworld\r\nEND\r\n", await proxy.EndAsync("get hello\r\n"));
        }

        foreach (int node in ports.Take(2))
        {
            await using RawClient client = await RawClient.ConnectAsync(node);
            await ProxyCommandTests.Eventually(async () => await client.EndAsync("get hello\r\n") == "VALUE hello 0 5\r\nworld\r\nEND\r\n");
        }

        Assert.Contains($"proxy   127.0.0.1:{ports[2]}", cluster.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_command_takes_magent_flags()
    {
        await using var first = await TestBackend.StartAsync(memcached: false);
        await using var second = await TestBackend.StartAsync(memcached: false);
        int port = FreePort.Pick();
        await using var proxy = MemgateProcess.StartMemgate(
            RepositoryLayout.MemgateDll(),
            ["proxy", "-p", port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1", "-s", first.Address, "-b", second.Address, "-k", "-D", "-n", "100"]);
        Assert.True(await proxy.WaitForPortAsync(port, TimeSpan.FromSeconds(20)), proxy.Describe());
        await using RawClient client = await RawClient.ConnectAsync(port);
        Assert.Equal("STORED\r\n", await client.LineAsync("set m 0 0 1\r\nx\r\n"));
        await using RawClient onBackup = await second.ConnectAsync();
        await ProxyCommandTests.Eventually(async () => await onBackup.EndAsync("get m\r\n") == "VALUE m 0 1\r\nx\r\nEND\r\n");
    }

    [Fact]
    public async Task Check_config_names_the_bad_field()
    {
        string path = Path.Combine(Path.GetTempPath(), $"memgate-proxy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "pools": [ { "name": "main", "servers": [ "127.0.0.1:99999" ] } ] }""");
        try
        {
            await using var check = MemgateProcess.StartMemgate(RepositoryLayout.MemgateDll(), ["proxy", "--check-config", path]);
            Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(20)), check.Describe());
            Assert.Equal(1, check.ExitCode);
            Assert.Contains("pools[0].servers[0]", check.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("sockets")]
    public async Task A_port_in_use_is_a_clear_error_not_a_crash(string transport)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        string path = Path.Combine(Path.GetTempPath(), $"memgate-proxy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, $$"""
            { "listenAddress": "127.0.0.1", "port": {{port}}, "transport": "{{transport}}",
              "pools": [ { "name": "main", "servers": [ "127.0.0.1:1" ] } ] }
            """);
        using var cleanup = new TempFile(path);
        await using var proxy = MemgateProcess.StartMemgate(RepositoryLayout.MemgateDll(), ["proxy", "--config", path]);
        Assert.True(await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20)), proxy.Describe());
        Assert.Equal(71, proxy.ExitCode);
        Assert.Contains($"memgate proxy: cannot listen on 127.0.0.1:{port}: Address already in use", proxy.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", proxy.StandardError, StringComparison.Ordinal);
    }

    private sealed class TempFile(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
