namespace Memgate.Proxy.Hashing;

/// <summary>
/// Jump consistent hash (Lamping and Veach, 2014): no ring to store, perfectly even spread and
/// minimal movement when servers are appended. Ignores weights, and servers can only be added
/// or removed at the end of the list. The 64-bit key hash is FNV-1a 64; this placement is not
/// claimed compatible with any other program.
/// </summary>
public sealed class JumpPlacement : IKeyPlacement
{
    /// <summary>Creates a jump placement over <paramref name="serverCount"/> servers.</summary>
    public JumpPlacement(int serverCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverCount, 1);
        ServerCount = serverCount;
    }

    /// <inheritdoc />
    public int ServerCount { get; }

    /// <inheritdoc />
    public int Locate(ReadOnlySpan<byte> key) => Jump(Fnv1a64(key), ServerCount);

    /// <summary>The jump function itself, exposed for tests against the paper's reference values.</summary>
    public static int Jump(ulong key, int buckets)
    {
        long b = -1;
        long j = 0;
        while (j < buckets)
        {
            b = j;
            key = (key * 2862933555777941757UL) + 1;
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)b;
    }

    private static ulong Fnv1a64(ReadOnlySpan<byte> key)
    {
        ulong hash = 0xcbf29ce484222325;
        foreach (byte b in key)
        {
            hash ^= b;
            hash *= 0x100000001b3;
        }

        return hash;
    }
}
