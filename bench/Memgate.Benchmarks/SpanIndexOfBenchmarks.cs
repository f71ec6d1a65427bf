using System.Text;
using BenchmarkDotNet.Attributes;

namespace Memgate.Benchmarks;

/// <summary>
/// Placeholder that keeps the project building and running: the cost of finding the end of a
/// memcached command line, the first thing every text-protocol parse does. Parser and storage
/// benchmarks belong in their own classes beside this one.
/// </summary>
[MemoryDiagnoser]
public class SpanIndexOfBenchmarks
{
    private byte[] _getLine = [];
    private byte[] _setLine = [];

    [GlobalSetup]
    public void Setup()
    {
        _getLine = Encoding.ASCII.GetBytes("get memgate:00001234\r\n");
        _setLine = Encoding.ASCII.GetBytes("set memgate:00001234 0 0 32 noreply\r\n" + new string('x', 32) + "\r\n");
    }

    [Benchmark(Baseline = true)]
    public int FindLineEnd_get() => _getLine.AsSpan().IndexOf("\r\n"u8);

    [Benchmark]
    public int FindLineEnd_set() => _setLine.AsSpan().IndexOf("\r\n"u8);

    [Benchmark]
    public int FindNewline_byte() => _setLine.AsSpan().IndexOf((byte)'\n');
}
