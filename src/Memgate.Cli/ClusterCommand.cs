using System.Globalization;
using Memgate.Node;
using Memgate.Proxy;
using Memgate.Proxy.Configuration;

namespace Memgate.Cli;

/// <summary>
/// `memgate cluster`: the first thing to try. Two cache nodes and a replicating proxy in one process
/// on 127.0.0.1 — the classic magent walkthrough (two memcacheds, magent in front) in one command.
/// </summary>
/// <remarks>
/// Both nodes are primaries (keys spread by ketama) and each key's replica is the other node, so
/// every key is on both nodes and both nodes do work; magent's cross setup would leave node 2 idle
/// except for copies.
/// </remarks>
public static class ClusterCommand
{
    public const string Usage =
        "usage: memgate cluster [--node-ports 11211,11212] [--proxy-port 12000] [-v]\n" +
        "  starts two cache nodes and a replicating proxy on 127.0.0.1 in one process; Ctrl-C stops them\n";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int[] nodePorts = [11211, 11212];
        int proxyPort = 12000;
        bool verbose = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--node-ports" when i + 1 < args.Length && TryPorts(args[++i], out int[] ports):
                    nodePorts = ports;
                    break;
                case "--proxy-port" when i + 1 < args.Length && TryPort(args[++i], out int port):
                    proxyPort = port;
                    break;
                case "-v":
                    verbose = true;
                    break;
                case "-h" or "--help":
                    await Console.Out.WriteAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    await Console.Error.WriteAsync($"memgate cluster: bad argument '{args[i]}'\n" + Usage).ConfigureAwait(false);
                    return 64;
            }
        }

        var nodes = new List<NodeServer>();
        ProxyServer? proxy = null;
        try
        {
            foreach (int port in nodePorts)
            {
                nodes.Add(NodeServer.Start(new NodeSettings { TcpPort = port, ListenAddresses = ["127.0.0.1"] }));
            }

            List<string> servers = nodePorts.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)).ToList();
            proxy = ProxyServer.Start(new ProxySettings
            {
                ListenAddress = "127.0.0.1",
                Port = proxyPort,
                Verbose = verbose,
                Pools =
                [
                    new PoolSettings { Name = "main", Servers = servers, ReplicaPool = "replica" },
                    new PoolSettings { Name = "replica", Servers = [.. servers] },
                ],
            });
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"memgate cluster: {ex.Message} (is a port in use? choose others with --node-ports/--proxy-port)").ConfigureAwait(false);
            await StopAsync(nodes, proxy).ConfigureAwait(false);
            return 71;
        }

        string proxyAddress = "127.0.0.1:" + proxyPort.ToString(CultureInfo.InvariantCulture);
        var banner = new System.Text.StringBuilder();
        banner.Append("memgate cluster running\n");
        for (int i = 0; i < nodePorts.Length; i++)
        {
            banner.Append(CultureInfo.InvariantCulture, $"  node {i + 1}  127.0.0.1:{nodePorts[i]}\n");
        }

        banner.Append(CultureInfo.InvariantCulture, $"  proxy   {proxyAddress}  (keys spread over the nodes, every write copied to a second node)\n");
        banner.Append(CultureInfo.InvariantCulture, $"try: telnet 127.0.0.1 {proxyPort}, then: set hello 0 0 5 / world / get hello\n");
        banner.Append("     and telnet to each node to see the key on both. Ctrl-C stops the cluster.\n");
        await Console.Out.WriteAsync(banner.ToString()).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        await ProxyCommand.WaitForStopSignalAsync().ConfigureAwait(false);
        await StopAsync(nodes, proxy).ConfigureAwait(false);
        return 0;
    }

    private static async Task StopAsync(List<NodeServer> nodes, ProxyServer? proxy)
    {
        if (proxy is not null)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }

        foreach (NodeServer node in nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool TryPorts(string text, out int[] ports)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        ports = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryPort(parts[i], out ports[i]))
            {
                return false;
            }
        }

        return ports.Length >= 2 && ports.Distinct().Count() == ports.Length;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
}
