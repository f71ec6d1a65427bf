namespace Memgate.Node.Tests.Binary;

/// <summary>The binary differential cases share one server pair and run in order, so both servers see the same history.</summary>
[CollectionDefinition(Name)]
public sealed class BinaryDifferentialCollection : ICollectionFixture<BinaryServersFixture>
{
    public const string Name = "binary-differential";
}
