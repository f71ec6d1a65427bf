namespace Memgate.Proxy.Routing;

/// <summary>
/// What the warm-up lookup of a multiget's missed keys produced (see <see cref="WarmUpReader.FillAsync"/>):
/// for <c>get</c>, VALUE blocks built from the replica's items; for gets/gat/gats, the keys to read
/// again from the primary (copied back) or from the replica (could not be copied).
/// </summary>
internal sealed class WarmUpFill
{
    /// <summary>VALUE blocks in a buffer rented from the shared pool (null when none); handed to the reply assembly.</summary>
    public byte[]? Blocks { get; set; }

    public int BlocksLength { get; set; }

    /// <summary>Key index, start and length of each block in <see cref="Blocks"/>.</summary>
    public List<(int Index, int Start, int Length)> Found { get; } = [];

    /// <summary>Keys now on the primary again: read them there (its CAS, its TTL handling).</summary>
    public List<int> FromPrimary { get; } = [];

    /// <summary>Keys the replica has but that could not be copied: read them there, as a failover would.</summary>
    public List<int> FromReplica { get; } = [];
}
