namespace Memgate.Node.Tests.Guarantees;

/// <summary>What reading a <see cref="MixedValues"/> set back found: how many keys exist and which have wrong bytes.</summary>
public sealed record ReadBack(int Present, IReadOnlyList<int> Corrupt);
