namespace Memgate.Storage;

/// <summary>
/// Hash of a key for the index. <see cref="HashCode"/> is seeded randomly per process, which keeps bucket chains
/// short even against keys chosen to collide, and it needs no allocation.
/// </summary>
internal static class KeyHash
{
    public static uint Compute(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return (uint)hash.ToHashCode();
    }
}
