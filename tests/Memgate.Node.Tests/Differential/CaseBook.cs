using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Indexes hand-written cases by name so xunit shows one row per case.</summary>
public static class CaseBook
{
    public static TheoryData<string> Names(IEnumerable<DiffCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var diffCase in cases)
        {
            data.Add(diffCase.Name);
        }

        return data;
    }

    public static DiffCase Find(IEnumerable<DiffCase> cases, string name)
        => cases.Single(c => c.Name == name);

    /// <summary>Every hand-written case of every area.</summary>
    public static IEnumerable<DiffCase> All()
        => StorageCases.All()
            .Concat(RetrievalCases.All())
            .Concat(ArithmeticCases.All())
            .Concat(MetaCases.All())
            .Concat(FramingCases.All())
            .Concat(AdminCases.All());
}
