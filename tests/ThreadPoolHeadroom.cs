using System.Runtime.CompilerServices;

namespace Memgate.Tests;

/// <summary>
/// Tests block pool threads (process start and exit, synchronous socket helpers) while others measure timeouts.
/// On a 2-core machine the pool starts with 2 threads and adds more only about twice a second, so a continuation
/// could wait ~0.5 s for a thread and a timing assertion fail for a reason that has nothing to do with the code
/// under test (seen: a backend reply completed on time, the test resumed 350 ms later). Enough threads up front.
/// </summary>
internal static class ThreadPoolHeadroom
{
#pragma warning disable CA2255 // Test infrastructure: must run before any test of an assembly that uses this library.
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
    }
#pragma warning restore CA2255
}
