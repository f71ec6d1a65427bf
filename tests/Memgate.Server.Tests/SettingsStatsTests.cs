using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Memgate.Node;

namespace Memgate.Server.Tests;

public sealed class SettingsStatsTests
{
    private const string Memcached = "/usr/bin/memcached";

    [Fact]
    public void Default_settings_match_real_memcached_names_order_and_values()
    {
        if (!File.Exists(Memcached))
        {
            return;
        }

        int port = FreePort();
        var reference = ReadSettingsFromRealMemcached(["-u", "root", "-p", $"{port}", "-l", "127.0.0.1", "-U", "0"], port);
        var ours = SettingsStats.GetPairs(MemcachedCommandLine.Parse(["-p", $"{port}", "-l", "127.0.0.1"]).Settings!);
        Assert.Equal(reference.Select(p => p.Key), ours.Select(p => p.Key));
        Assert.Equal(reference.Select(p => $"{p.Key} {p.Value}"), ours.Select(p => $"{p.Key} {p.Value}"));
    }

    [Fact]
    public void Changed_settings_match_real_memcached()
    {
        if (!File.Exists(Memcached))
        {
            return;
        }

        int port = FreePort();
        string[] flags = ["-p", $"{port}", "-l", "127.0.0.1", "-U", "0", "-m", "128", "-c", "500", "-t", "2", "-I", "2m", "-C", "-M", "-B", "ascii", "-R", "7", "-b", "99", "-f", "1.5", "-n", "64", "-D", "#", "-A", "-F", "-X", "-o", "idle_timeout=9,no_maxconns_fast,hashpower=18,no_lru_crawler,track_sizes,temporary_ttl=30,watcher_logbuf_size=100,read_buf_mem_limit=5,hash_algorithm=jenkins"];
        var reference = ReadSettingsFromRealMemcached(["-u", "root", .. flags], port);
        var ours = SettingsStats.GetPairs(MemcachedCommandLine.Parse(flags).Settings!);
        Assert.Equal(reference.Select(p => $"{p.Key} {p.Value}"), ours.Select(p => $"{p.Key} {p.Value}"));
    }

    [Fact]
    public void Write_emits_STAT_lines()
    {
        var buffer = new OutputBuffer();
        SettingsStats.Write(new NodeSettings(), buffer);
        string text = Encoding.ASCII.GetString(buffer.WrittenSpan);
        Assert.StartsWith("STAT maxbytes 67108864\r\nSTAT maxconns 1024\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("STAT memory_file (null)\r\n", text, StringComparison.Ordinal);
        buffer.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static List<KeyValuePair<string, string>> ReadSettingsFromRealMemcached(string[] args, int port)
    {
        var start = new ProcessStartInfo(Memcached) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var socket = ConnectWithRetry(port);
            socket.Send("stats settings\r\n"u8);
            var text = new StringBuilder();
            var buffer = new byte[65536];
            while (!text.ToString().EndsWith("END\r\n", StringComparison.Ordinal))
            {
                int n = socket.Receive(buffer);
                Assert.NotEqual(0, n);
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            return text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith("STAT ", StringComparison.Ordinal))
                .Select(l => l[5..].Split(' ', 2))
                .Select(p => new KeyValuePair<string, string>(p[0], p[1]))
                .ToList();
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private static Socket ConnectWithRetry(int port)
    {
        for (int attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                return socket;
            }
            catch (SocketException) when (attempt < 100)
            {
                socket.Dispose();
                Thread.Sleep(20);
            }
        }
    }
}
