using Memgate.Node.Tests.Differential;
using Memgate.Testing;

namespace Memgate.Node.Tests.Admin;

/// <summary>Each admin case gets the same (normalised) replies from memgate as from memcached 1.6.18.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminCommandsMatchMemcached1618Tests(AdminServersFixture servers)
{
    public static TheoryData<string> Cases => CaseBook.Names(AdminDiffCases.All());

    public static TheoryData<string> RestrictedCases => CaseBook.Names(AdminDiffCases.Restricted());

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(Cases))]
    public Task Reply_matches_memcached(string name)
        => servers.Harness.AssertSameAsync(CaseBook.Find(AdminDiffCases.All(), name));

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(RestrictedCases))]
    public Task Reply_matches_memcached_with_dumps_and_watch_disabled(string name)
        => servers.Restricted.AssertSameAsync(CaseBook.Find(AdminDiffCases.Restricted(), name));
}
