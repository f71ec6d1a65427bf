using System.Diagnostics;
using System.Net;

namespace Memgate.LoadGen;

/// <summary>One run: connect, preload the key space, warm up, measure, collect.</summary>
internal static class LoadRun
{
    // A server that stops answering must not hang the run: past this grace the sockets are closed.
    private static readonly TimeSpan HangGrace = TimeSpan.FromSeconds(15);

    public static async Task<RunResult> ExecuteAsync(LoadOptions o)
    {
        var composer = new RequestComposer(new KeySpace(o.Keys), o.ValueSize);
        var endPoint = new IPEndPoint(await ResolveAsync(o.Host).ConfigureAwait(false), o.Port);
        var runners = Enumerable.Range(0, o.Connections).Select(i => new ConnectionRunner(o, composer, i)).ToArray();
        var result = new RunResult { Options = o };
        var timeout = TimeSpan.FromSeconds(o.WarmupSeconds + o.DurationSeconds) + HangGrace;
        try
        {
            await Task.WhenAll(runners.Select(r => r.ConnectAsync(endPoint))).ConfigureAwait(false);
            result.ServerRssStartKiB = ProcessSampler.RssKiB(o.ServerPids);
            if (o.Preload || o.Workload == Workload.Preload)
            {
                var preload = Stopwatch.StartNew();
                var all = Task.WhenAll(runners.Select((r, i) => Task.Run(() => r.PreloadAsync(i, o.Connections))));
                await all.WaitAsync(timeout).ConfigureAwait(false);
                result.PreloadSeconds = preload.Elapsed.TotalSeconds;
                result.PreloadErrors = runners.Sum(r => r.PreloadErrors);
            }

            if (o.Workload != Workload.Preload)
            {
                await MeasureAsync(o, runners, result, timeout).ConfigureAwait(false);
            }

            result.ServerRssEndKiB = ProcessSampler.RssKiB(o.ServerPids);
            result.BackendRssEndKiB = ProcessSampler.RssKiB(o.BackendPids);
            return result;
        }
        finally
        {
            foreach (var r in runners)
            {
                r.Dispose();
            }
        }
    }

    private static async Task MeasureAsync(LoadOptions o, ConnectionRunner[] runners, RunResult result, TimeSpan timeout)
    {
        var window = new MeasurementWindow(o.Requests, o.DurationSeconds);
        using var watchdog = new Timer(_ => Array.ForEach(runners, r => r.Dispose()), null, timeout, Timeout.InfiniteTimeSpan);
        var running = Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(window))));
        await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds)).ConfigureAwait(false);

        int[] self = [Environment.ProcessId];
        var machine0 = ProcessSampler.MachineBusyTicks();
        var self0 = ProcessSampler.CpuTicks(self);
        var server0 = ProcessSampler.CpuTicks(o.ServerPids);
        var backend0 = ProcessSampler.CpuTicks(o.BackendPids);
        window.Open();
        await running.ConfigureAwait(false);
        var server1 = ProcessSampler.CpuTicks(o.ServerPids);
        var backend1 = ProcessSampler.CpuTicks(o.BackendPids);
        var self1 = ProcessSampler.CpuTicks(self);
        var machine1 = ProcessSampler.MachineBusyTicks();

        result.LoadGenCpuTicks = self1 - self0;
        result.MachineBusyTicks = machine0 < 0 || machine1 < 0 ? -1 : machine1 - machine0;
        result.ServerCpuTicks = o.ServerPids.Length == 0 || server0 < 0 || server1 < 0 ? -1 : server1 - server0;
        result.BackendCpuTicks = o.BackendPids.Length == 0 || backend0 < 0 || backend1 < 0 ? -1 : backend1 - backend0;
        result.MeasuredSeconds = window.LastFinish > window.Start
            ? (double)(window.LastFinish - window.Start) / Stopwatch.Frequency
            : 0;
        foreach (var r in runners)
        {
            result.Add(r.Stats);
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : (await Dns.GetHostAddressesAsync(host).ConfigureAwait(false)).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
}
