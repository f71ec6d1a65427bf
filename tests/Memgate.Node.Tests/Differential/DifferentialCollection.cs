namespace Memgate.Node.Tests.Differential;

/// <summary>All differential tests share one pair of servers and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialServersFixture>
{
    public const string Name = "differential";
}
