using BenchmarkDotNet.Running;

namespace Memgate.Benchmarks;

internal static class Program
{
    // BenchmarkSwitcher finds every [Benchmark] class in this assembly, so new classes need no registration:
    // dotnet run -c Release --project bench/Memgate.Benchmarks -- --filter '*'
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
