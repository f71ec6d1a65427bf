using Memgate.Testing;

namespace Memgate.Node.Tests.Differential;

/// <summary>Each hand-written admin case gets byte-identical (normalised) replies from the node and memcached 1.6.18.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class AdminCommandsMatchMemcachedTests(DifferentialServersFixture servers)
{
    public static TheoryData<string> Cases => CaseBook.Names(AdminCases.All());

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(Cases))]
    public Task Reply_matches_memcached(string name)
        => servers.Harness.AssertSameAsync(CaseBook.Find(AdminCases.All(), name));
}
