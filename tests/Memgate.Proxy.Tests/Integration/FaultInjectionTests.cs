using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Memgate.Node;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A primary dies (kill -9), hangs (SIGSTOP) or closes its port while clients keep working through
/// the proxy: every acknowledged key stays readable from its replica, nobody waits longer than the
/// request timeout plus slack, and every request gets its own reply.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class FaultInjectionTests
{
    private const int RequestTimeoutMs = 500;

    // Generous on a shared 2-core machine: timer callbacks and process scheduling lag under load.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task Kill_9_of_a_primary_loses_no_acknowledged_key()
    {
        using var victim = Support.MemcachedProcess.Start();
        using var survivor = Support.MemcachedProcess.Start();
        await RunScenarioAsync(victim.Port, survivor.Port, fault: () => victim.Kill(), recover: null);
    }

    [Fact]
    public async Task SIGSTOP_of_a_primary_hangs_no_client()
    {
        using var victim = Support.MemcachedProcess.Start();
        using var survivor = Support.MemcachedProcess.Start();
        await RunScenarioAsync(victim.Port, survivor.Port, fault: () => victim.Pause(), recover: () => victim.Resume());
    }

    [Fact]
    public async Task Closed_port_of_a_memgate_primary_is_failed_over()
    {
        // The victim runs in its own process and closes its port and connections gracefully (shutdown with -A),
        // so nothing of it shares the proxy's process while it goes away.
        await using var victim = await ServerProcess.StartAsync(ServerKind.Memgate, "-A");
        await using var survivor = await TestBackend.StartAsync(memcached: false);
        await RunScenarioAsync(victim.Port, survivor.Port, fault: () => ShutDown(victim.Port), recover: null);
    }

    private static void ShutDown(int port)
    {
        using var client = new System.Net.Sockets.TcpClient("127.0.0.1", port) { ReceiveTimeout = 5000 };
        System.Net.Sockets.NetworkStream stream = client.GetStream();
        stream.Write("shutdown\r\n"u8);

        // memcached closes without a reply; the read returns once the node has closed the connection.
        _ = stream.ReadByte();
    }

    private static async Task RunScenarioAsync(int victimPort, int survivorPort, Action fault, Action? recover)
    {
        List<string> servers = [Address(victimPort), Address(survivorPort)];
        ProxySettings settings = ProxyUnderTest.Settings(servers);
        settings.Timeouts = new TimeoutSettings { ConnectMs = 250, RequestMs = RequestTimeoutMs };
        settings.Port = Memgate.Testing.FreePort.Pick();
        await using ProxyServer proxy = ProxyServer.Start(settings);
        var acknowledged = new ConcurrentDictionary<string, string>();

        // Before the fault.
        LoadReport before = await BoundedLoad.RunAsync(settings.Port, acknowledged, TimeSpan.FromSeconds(1), maxRequestsPerClient: 200);
        Assert.True(before.WrongReplies == 0 && before.Unanswered == 0 && before.GetFailures == 0, before.ToString());

        // During: the fault hits while the load runs.
        Task<LoadReport> during = BoundedLoad.RunAsync(settings.Port, acknowledged, TimeSpan.FromSeconds(3), maxRequestsPerClient: 1000);
        await Task.Delay(300);
        fault();
        LoadReport report = await during;
        Assert.True(report.Unanswered == 0, report.ToString());
        Assert.True(report.WrongReplies == 0, report.ToString());
        Assert.True(report.GetFailures == 0, report.ToString());
        Assert.True(report.Slowest < TimeSpan.FromMilliseconds(RequestTimeoutMs) + Slack, report.ToString());

        // After: every acknowledged key still reads back, each within the bound.
        await using (RawClient client = await RawClient.ConnectAsync(settings.Port))
        {
            foreach ((string key, string value) in acknowledged.OrderBy(k => k.Key, StringComparer.Ordinal).Take(400))
            {
                var watch = Stopwatch.StartNew();
                string got = await client.EndAsync($"get {key}\r\n");
                Assert.Equal($"VALUE {key} 0 {value.Length}\r\n{value}\r\nEND\r\n", got);
                Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(RequestTimeoutMs) + Slack, $"get {key} took {watch.Elapsed}");
            }

            string stats = await client.EndAsync("stats\r\n");
            Assert.Contains("STAT read_failovers ", stats, StringComparison.Ordinal);
            Assert.DoesNotContain("STAT read_failovers 0\r\n", stats, StringComparison.Ordinal);
        }

        if (recover is not null)
        {
            recover();

            // The victim comes back through the prober, and the keys it missed are repaired from the
            // survivor before it serves them: reads stay correct across the recovery.
            await using RawClient client = await RawClient.ConnectAsync(settings.Port);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                string backends = await client.EndAsync("stats backends\r\n");
                if (!backends.Contains("state=down", StringComparison.Ordinal) && !backends.Contains("state=probing", StringComparison.Ordinal)
                    && backends.Split("repair_queue=0 ").Length == 3)
                {
                    break;
                }

                await Task.Delay(100);
            }

            foreach ((string key, string value) in acknowledged.OrderBy(k => k.Key, StringComparer.Ordinal).Take(400))
            {
                Assert.Equal($"VALUE {key} 0 {value.Length}\r\n{value}\r\nEND\r\n", await client.EndAsync($"get {key}\r\n"));
            }
        }
    }

    private static string Address(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
