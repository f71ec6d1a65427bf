using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Memgate.Benchmarks;

/// <summary>
/// Runs the benchmark process with inline socket completions, as <c>memgate node</c> does (SocketRuntimeTuning):
/// the socket engine reads the variable once at start-up, so it must be in the child process's environment.
/// </summary>
public sealed class InlineCompletionsConfig : ManualConfig
{
    public InlineCompletionsConfig()
    {
        AddJob(Job.Default.WithEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1"));
    }
}
