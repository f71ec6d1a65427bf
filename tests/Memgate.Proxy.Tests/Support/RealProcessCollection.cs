namespace Memgate.Proxy.Tests.Support;

/// <summary>
/// Tests that measure time against real processes run alone: on a 2-core machine the CPU-heavy
/// placement tests would otherwise starve the thread pool and delay timer callbacks by up to a
/// second, which is the machine's noise, not the proxy's behaviour.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcessCollection
{
    public const string Name = "real processes, timing-sensitive";
}
