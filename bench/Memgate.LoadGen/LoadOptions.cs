using System.Globalization;

namespace Memgate.LoadGen;

/// <summary>Command-line settings of one run.</summary>
internal sealed class LoadOptions
{
    public string Host { get; private set; } = "127.0.0.1";
    public int Port { get; private set; } = 11211;
    public int Connections { get; private set; } = 16;
    public Workload Workload { get; private set; } = Workload.Mixed;
    public int ValueSize { get; private set; } = 32;
    public int Keys { get; private set; } = 50_000;
    public double SetRatio { get; private set; } = 0.1;
    public int Depth { get; private set; } = 16;
    public int MultigetKeys { get; private set; } = 10;
    public long Requests { get; private set; } = 5_000_000;
    public double DurationSeconds { get; private set; } = 10;
    public double WarmupSeconds { get; private set; } = 1;
    public bool Preload { get; private set; } = true;
    public int PreloadDepth { get; private set; } = 100;
    public string Target { get; private set; } = "unnamed";
    public string Name { get; private set; } = "";
    public int[] ServerPids { get; private set; } = [];
    public int[] BackendPids { get; private set; } = [];
    public int ClockTicksPerSecond { get; private set; } = 100;
    public int Seed { get; private set; } = 12345;

    public static string Usage => """
        memgate load generator (memcached text protocol). Prints one JSON line per run.
          --host H --port P          target (127.0.0.1:11211)
          --connections N            concurrent connections (16)
          --workload W               mixed | pipeline | multiget | preload (mixed)
          --value-size B             value bytes for preload and sets (32)
          --keys K                   key space, 16-byte keys, preloaded first (50000)
          --set-ratio R              mixed: share of sets (0.1)
          --depth D                  pipeline: gets per batch (16)
          --multiget M               multiget: keys per get (10)
          --requests N               stop after N measured requests (5000000)
          --duration S               ... or after S measured seconds (10)
          --warmup S                 unmeasured seconds before measuring (1)
          --no-preload               skip setting every key first
          --preload-depth D          sets per pipelined preload batch (100)
          --target T --name N        labels copied into the JSON line
          --server-pids a,b          processes whose CPU time (utime+stime) and RSS are reported
          --backend-pids a,b         second group, e.g. the memcached behind a proxy
          --clk-tck N                USER_HZ for /proc/<pid>/stat (100)
          --seed N                   random seed (12345)
        """;

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "--host": o.Host = Next(); break;
                case "--port": o.Port = Int(Next()); break;
                case "--connections": o.Connections = Int(Next()); break;
                case "--workload": o.Workload = Enum.Parse<Workload>(Next(), ignoreCase: true); break;
                case "--value-size": o.ValueSize = Int(Next()); break;
                case "--keys": o.Keys = Int(Next()); break;
                case "--set-ratio": o.SetRatio = Dbl(Next()); break;
                case "--depth": o.Depth = Int(Next()); break;
                case "--multiget": o.MultigetKeys = Int(Next()); break;
                case "--requests": o.Requests = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": o.DurationSeconds = Dbl(Next()); break;
                case "--warmup": o.WarmupSeconds = Dbl(Next()); break;
                case "--no-preload": o.Preload = false; break;
                case "--preload-depth": o.PreloadDepth = Int(Next()); break;
                case "--target": o.Target = Next(); break;
                case "--name": o.Name = Next(); break;
                case "--server-pids": o.ServerPids = Pids(Next()); break;
                case "--backend-pids": o.BackendPids = Pids(Next()); break;
                case "--clk-tck": o.ClockTicksPerSecond = Int(Next()); break;
                case "--seed": o.Seed = Int(Next()); break;
                default: throw new ArgumentException($"unknown option {a}");
            }
        }

        if (o.Connections < 1 || o.Keys < 1 || o.Depth < 1 || o.MultigetKeys < 1 || o.ValueSize < 0 || o.PreloadDepth < 1)
        {
            throw new ArgumentException("connections, keys, depth, multiget and preload-depth must be positive");
        }

        if (o.Keys > KeySpace.MaxKeys)
        {
            throw new ArgumentException($"at most {KeySpace.MaxKeys} keys");
        }

        if (o.DurationSeconds <= 0 || o.Requests < 1)
        {
            throw new ArgumentException("a run needs a positive --duration and --requests bound");
        }

        return o;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static double Dbl(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static int[] Pids(string s) =>
        s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int).ToArray();
}
