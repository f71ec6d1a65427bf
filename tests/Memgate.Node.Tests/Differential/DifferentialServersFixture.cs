using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>
/// One reference memcached and one candidate (the memgate node by default) with identical flags,
/// shared by all differential tests. Set <c>MEMGATE_DIFF_CANDIDATE=memcached</c> to run the whole
/// suite memcached-vs-memcached (proves the harness and normalisation).
/// </summary>
public class DifferentialServersFixture : IAsyncLifetime
{
    public const string CandidateVariable = "MEMGATE_DIFF_CANDIDATE";

    private ServerProcess? _reference;
    private ServerProcess? _candidate;

    public DifferentialHarness Harness { get; private set; } = null!;

    /// <summary>The memcached flags both servers get (beyond port, address and -U 0).</summary>
    protected virtual string[] Flags => [];

    public static ServerKind CandidateKind
        => string.Equals(Environment.GetEnvironmentVariable(CandidateVariable), "memcached", StringComparison.OrdinalIgnoreCase)
            ? ServerKind.Memcached
            : ServerKind.Memgate;

    public virtual async Task InitializeAsync()
    {
        _reference = await ServerProcess.StartAsync(ServerKind.Memcached, Flags);
        _candidate = await ServerProcess.StartAsync(CandidateKind, Flags);
        Harness = new DifferentialHarness(_reference, _candidate);
    }

    public virtual async Task DisposeAsync()
    {
        if (_candidate is not null)
        {
            await _candidate.DisposeAsync();
        }

        if (_reference is not null)
        {
            await _reference.DisposeAsync();
        }
    }
}
