namespace Memgate.Node.Tests.Guarantees;

/// <summary>One VALUE block of a retrieval reply.</summary>
public sealed record GetHit(uint Flags, byte[] Value, ulong Cas);
