using BenchmarkDotNet.Attributes;
using Memgate.Protocol.Text;
using static Memgate.Benchmarks.BenchmarkInputs;

namespace Memgate.Benchmarks;

/// <summary>Parsing one command line in place, the first step of every text request. Must allocate nothing.</summary>
[MemoryDiagnoser]
public class TextParserBenchmarks
{
    private readonly byte[] _scratch = new byte[512];
    private byte[] _get = [];
    private byte[] _set = [];
    private byte[] _metaGet = [];
    private byte[] _metaSet = [];

    [GlobalSetup]
    public void Setup()
    {
        _get = GetLine(HotKey);
        _set = SetRequest(HotKey);
        _metaGet = MetaGetLine(HotKey);
        _metaSet = MetaSetRequest(HotKey);
    }

    [Benchmark(Baseline = true)]
    public int Parse_get() => Parse(_get);

    [Benchmark]
    public int Parse_set() => Parse(_set);

    [Benchmark]
    public int Parse_mg() => Parse(_metaGet);

    [Benchmark]
    public int Parse_ms() => Parse(_metaSet);

    private int Parse(byte[] input)
    {
        var request = default(TextRequest);
        var status = TextRequestParser.Parse(input, ref request, _scratch);
        return (int)status + request.LineLength;
    }
}
