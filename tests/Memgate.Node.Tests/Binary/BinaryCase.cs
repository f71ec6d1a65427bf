namespace Memgate.Node.Tests.Binary;

/// <summary>A named sequence of sends whose replies must be the same from memcached and memgate.</summary>
public sealed record BinaryCase(string Name, IReadOnlyList<BinaryStep> Steps)
{
    public override string ToString() => Name;
}
