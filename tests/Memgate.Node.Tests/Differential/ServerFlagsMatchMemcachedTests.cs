using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>With the same memcached flags, the node behaves like memcached (each test starts its own pair).</summary>
public sealed class ServerFlagsMatchMemcachedTests
{
    [ToolFact(Tool.Memcached)]
    public Task With_C_cas_is_disabled_and_reported_as_zero()
        => RunAsync(["-C"], new DiffCase("cas disabled").WithoutFlush().Send("set k 0 0 1\r\na\r\ngets k\r\nmg k c v\r\ncas k 0 0 1 0\r\nb\r\ngets k\r\nstats settings\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task With_F_flush_all_is_refused()
        => RunAsync(["-F"], new DiffCase("flush disabled").WithoutFlush().Send("set k 0 0 1\r\na\r\nflush_all\r\nflush_all noreply\r\nget k\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task With_I_64k_and_smaller_chunks_larger_items_are_too_large()
        => RunAsync(
            ["-I", "64k", "-o", "slab_chunk_max=32768"],
            new DiffCase("small item max").Send($"set k 0 0 60000\r\n{new string('a', 60000)}\r\nset k 0 0 70000\r\n{new string('b', 70000)}\r\nget k\r\nms j 66000\r\n{new string('c', 66000)}\r\nmg j s\r\nstats settings\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task With_B_ascii_binary_requests_are_not_understood()
        => RunAsync(
            ["-B", "ascii"],
            new DiffCase("ascii only").SendWithoutSentinel("\u0080\u000a\0\0\0\0\0\0\0\0\0\0\0\0\0\u0007\0\0\0\0\0\0\0\0\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task With_R_1_pipelined_requests_still_reply_in_order()
        => RunAsync(
            ["-R", "1"],
            new DiffCase("one request per event").Send(string.Concat(Enumerable.Range(0, 50).Select(i => $"set k{i % 3} 0 0 1\r\n{i % 10}\r\nget k{i % 3}\r\n"))));

    [ToolFact(Tool.Memcached)]
    public Task With_m_and_M_memory_full_returns_out_of_memory()
        => RunAsync(
            ["-m", "2", "-M"],
            new DiffCase("no evictions").Send(string.Concat(Enumerable.Range(0, 40).Select(i => $"set big{i} 0 0 100000\r\n{new string('m', 100000)}\r\n"))));

    private static async Task RunAsync(string[] flags, DiffCase diffCase)
    {
        await using var reference = await ServerProcess.StartAsync(ServerKind.Memcached, flags);
        await using var candidate = await ServerProcess.StartAsync(DifferentialServersFixture.CandidateKind, flags);
        await new DifferentialHarness(reference, candidate).AssertSameAsync(diffCase);
    }
}
