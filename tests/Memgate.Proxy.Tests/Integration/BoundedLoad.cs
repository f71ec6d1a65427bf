using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A few clients that set fresh keys and read back acknowledged ones through the proxy for a fixed
/// time (bounded in count too). Every reply is checked against its own request, so a lost or
/// out-of-order reply shows up as a wrong reply or an unanswered request.
/// </summary>
internal static class BoundedLoad
{
    public static async Task<LoadReport> RunAsync(int proxyPort, ConcurrentDictionary<string, string> acknowledged, TimeSpan duration, int clients = 3, int maxRequestsPerClient = 2000)
    {
        var report = new LoadReport();
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using RawClient client = await RawClient.ConnectAsync(proxyPort);
            for (int i = 0; i < maxRequestsPerClient && stopwatch.Elapsed < duration; i++)
            {
                string key = $"load{c}_{i}";
                string value = "v" + i.ToString(CultureInfo.InvariantCulture);
                string reply = await TimedAsync(report, client, $"set {key} 0 0 {value.Length}\r\n{value}\r\n", "\r\n");
                if (reply == "STORED\r\n")
                {
                    acknowledged[key] = value;
                    Interlocked.Increment(ref report.Acknowledged);
                }
                else if (!reply.StartsWith("SERVER_ERROR", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref report.WrongReplies);
                    report.Problem($"set {key}: {Escaping.Escape(reply, 200)}");
                }

                // Read back an earlier acknowledged key of this client.
                string old = $"load{c}_{i / 2}";
                if (acknowledged.TryGetValue(old, out string? expected))
                {
                    string got = await TimedAsync(report, client, $"get {old}\r\n", "END\r\n");
                    if (got != $"VALUE {old} 0 {expected.Length}\r\n{expected}\r\nEND\r\n")
                    {
                        Interlocked.Increment(ref report.GetFailures);
                        report.Problem($"get {old}: {Escaping.Escape(got, 200)}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return report;
    }

    private static async Task<string> TimedAsync(LoadReport report, RawClient client, string request, string terminator)
    {
        Interlocked.Increment(ref report.Requests);
        var watch = Stopwatch.StartNew();
        await client.SendAsync(request);
        ReadResult result = await client.ReadUntilAsync(terminator, TimeSpan.FromSeconds(5));
        watch.Stop();
        lock (report)
        {
            if (watch.Elapsed > report.Slowest)
            {
                report.Slowest = watch.Elapsed;
            }
        }

        if (!result.IsComplete)
        {
            Interlocked.Increment(ref report.Unanswered);
            report.Problem($"no reply to {Escaping.Escape(request, 100)}: {result}");
        }

        return result.Text;
    }
}
