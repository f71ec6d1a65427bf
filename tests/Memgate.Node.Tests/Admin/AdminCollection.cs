namespace Memgate.Node.Tests.Admin;

/// <summary>The admin tests share one set of servers and run one after another (they change server settings).</summary>
[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminServersFixture>
{
    public const string Name = "admin";
}
