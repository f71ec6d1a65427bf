using System.Diagnostics;
using System.Text.Json;

namespace Memgate.LoadGen;

/// <summary>Writes a <see cref="RunResult"/> as one JSON line (the format bench/run.sh collects).</summary>
internal static class ResultWriter
{
    public static void Write(Stream output, RunResult r)
    {
        var o = r.Options;
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("name", o.Name);
        json.WriteString("target", o.Target);
        json.WriteString("workload", o.Workload.ToString().ToLowerInvariant());
        json.WriteNumber("value_size", o.ValueSize);
        json.WriteNumber("connections", o.Connections);
        json.WriteNumber("keys", o.Keys);
        if (o.Workload == Workload.Mixed)
        {
            json.WriteNumber("set_ratio", o.SetRatio);
        }

        json.WriteNumber("depth", o.Workload == Workload.Pipeline ? o.Depth : 1);
        json.WriteNumber("multiget_keys", o.Workload == Workload.Multiget ? o.MultigetKeys : 1);
        json.WriteNumber("preload_s", Round(r.PreloadSeconds, 3));
        json.WriteNumber("preload_errors", r.PreloadErrors);
        json.WriteNumber("duration_s", Round(r.MeasuredSeconds, 3));
        json.WriteNumber("requests", r.Requests);
        json.WriteNumber("batches", r.Batches);
        json.WriteNumber("rps", Round(PerSecond(r.Requests, r.MeasuredSeconds), 0));
        json.WriteNumber("keys_per_s", Round(PerSecond(o.Workload == Workload.Multiget ? r.GetKeys : r.Requests, r.MeasuredSeconds), 0));
        json.WriteString("latency_unit", LatencyUnit(o));
        json.WriteNumber("p50_us", Micros(r.Latency.ValueAt(0.50)));
        json.WriteNumber("p99_us", Micros(r.Latency.ValueAt(0.99)));
        json.WriteNumber("p999_us", Micros(r.Latency.ValueAt(0.999)));
        json.WriteNumber("max_us", Micros(r.Latency.Max));
        json.WriteNumber("get_keys", r.GetKeys);
        json.WriteNumber("hits", r.Hits);
        json.WriteNumber("hit_ratio", r.GetKeys == 0 ? 0 : Round((double)r.Hits / r.GetKeys, 4));
        json.WriteNumber("errors", r.Errors);
        json.WriteNumber("failed_connections", r.FailedConnections);
        if (r.FirstFailure is not null)
        {
            json.WriteString("failure", r.FirstFailure);
        }

        WriteCpu(json, "server", r.ServerCpuTicks, r);
        WriteCpu(json, "backend", r.BackendCpuTicks, r);
        json.WriteNumber("server_rss_start_kib", r.ServerRssStartKiB);
        json.WriteNumber("server_rss_kib", r.ServerRssEndKiB);
        json.WriteNumber("backend_rss_kib", r.BackendRssEndKiB);
        WriteCpu(json, "loadgen", r.LoadGenCpuTicks, r);
        // CPU used on this shared machine by anything but the processes under test: noise to judge a run by.
        // Ticks are sampled at slightly different instants, so a quiet machine can come out a tick below zero.
        var other = r.MachineBusyTicks < 0 ? -1 : Math.Max(0, r.MachineBusyTicks - r.LoadGenCpuTicks - Math.Max(0, r.ServerCpuTicks) - Math.Max(0, r.BackendCpuTicks));
        json.WriteNumber("other_cpu_s", other < 0 ? -1 : Round((double)other / o.ClockTicksPerSecond, 3));
        json.WriteNumber("other_cpu_pct", other < 0 || r.MeasuredSeconds <= 0 ? -1 : Round(100.0 * other / o.ClockTicksPerSecond / r.MeasuredSeconds, 1));
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteCpu(Utf8JsonWriter json, string who, long ticks, RunResult r)
    {
        var seconds = ticks < 0 ? -1 : (double)ticks / r.Options.ClockTicksPerSecond;
        json.WriteNumber($"{who}_cpu_s", Round(seconds, 3));
        json.WriteNumber($"{who}_cpu_us_per_req", ticks < 0 || r.Requests == 0 ? -1 : Round(seconds * 1e6 / r.Requests, 3));
    }

    private static string LatencyUnit(LoadOptions o) => o.Workload switch
    {
        Workload.Pipeline => $"batch of {o.Depth} pipelined gets",
        Workload.Multiget => $"one get of {o.MultigetKeys} keys",
        Workload.Preload => "none",
        _ => "request",
    };

    private static double PerSecond(long count, double seconds) => seconds <= 0 ? 0 : count / seconds;

    private static double Micros(long ticks) => Round(ticks * 1e6 / Stopwatch.Frequency, 1);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
