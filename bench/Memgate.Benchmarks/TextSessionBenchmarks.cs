using BenchmarkDotNet.Attributes;
using Memgate.Node;
using Memgate.Server;
using Memgate.Storage;
using static Memgate.Benchmarks.BenchmarkInputs;

namespace Memgate.Benchmarks;

/// <summary>
/// One request through the node's text session exactly as the connection loop runs it (parse, lock, execute,
/// reply into the batch's output buffer), without the socket. Must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class TextSessionBenchmarks
{
    private SystemCacheClock? _clock;
    private CacheEngine? _engine;
    private TextSession? _session;
    private OutputBuffer? _output;
    private byte[] _getHit = [];
    private byte[] _getMiss = [];
    private byte[] _set = [];
    private byte[] _metaGet = [];
    private byte[] _metaSet = [];
    private byte[] _pipelined16 = [];

    [GlobalSetup]
    public void Setup()
    {
        var settings = new NodeSettings();
        _engine = new CacheEngine(settings.ToCacheOptions(), _clock = new SystemCacheClock());
        var node = new NodeContext(settings, _engine, new ServerStatistics());
        var connection = new ConnectionContext { Id = 1, RemoteAddress = "bench", LocalAddress = "bench", IsUnixSocket = false };
        _session = new TextSession(node, connection, new MemcachedSizing(settings));
        _output = new OutputBuffer();
        _getHit = GetLine(HotKey);
        _getMiss = GetLine(MissingKey);
        _set = SetRequest(HotKey);
        _metaGet = MetaGetLine(HotKey);
        _metaSet = MetaSetRequest(HotKey);
        _pipelined16 = PipelinedGets(HotKey, 16);
        Run(_set);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        _output?.Dispose();
        _engine?.Dispose();
        _clock?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Get_hit() => Run(_getHit);

    [Benchmark]
    public int Get_miss() => Run(_getMiss);

    [Benchmark]
    public int Set_replace() => Run(_set);

    [Benchmark]
    public int Mg_hit() => Run(_metaGet);

    [Benchmark]
    public int Ms_replace() => Run(_metaSet);

    /// <summary>One receive holding 16 gets: per-get cost is this divided by 16.</summary>
    [Benchmark]
    public int Get_hit_pipelined_16() => Run(_pipelined16);

    private int Run(byte[] input)
    {
        var output = _output!;
        var result = _session!.ProcessAsync(input, output, CancellationToken.None).Result;
        int written = output.Length;
        output.Clear();
        return result.Consumed + written;
    }
}
