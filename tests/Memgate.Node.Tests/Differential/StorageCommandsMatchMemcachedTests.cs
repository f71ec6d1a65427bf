using Memgate.Testing;

namespace Memgate.Node.Tests.Differential;

/// <summary>Each hand-written storage case gets byte-identical (normalised) replies from the node and memcached 1.6.18.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class StorageCommandsMatchMemcachedTests(DifferentialServersFixture servers)
{
    public static TheoryData<string> Cases => CaseBook.Names(StorageCases.All());

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(Cases))]
    public Task Reply_matches_memcached(string name)
        => servers.Harness.AssertSameAsync(CaseBook.Find(StorageCases.All(), name));
}
