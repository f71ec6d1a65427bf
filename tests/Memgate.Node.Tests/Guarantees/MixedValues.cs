namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// A deterministic set of keys with values of mixed sizes (log-uniform between a minimum and a maximum), so a test
/// can write them once and later recompute every expected byte instead of keeping ~150 MB in memory.
/// </summary>
public sealed class MixedValues
{
    private readonly int[] _sizes;
    private readonly string _prefix;

    public MixedValues(string prefix, long totalBytes, int minSize, int maxSize, int seed)
    {
        _prefix = prefix;
        var random = new Random(seed);
        var sizes = new List<int>();
        long total = 0;
        var ratio = (double)maxSize / minSize;
        while (total < totalBytes)
        {
            var size = (int)Math.Min(maxSize, minSize * Math.Pow(ratio, random.NextDouble()));
            sizes.Add(size);
            total += size;
        }

        _sizes = [.. sizes];
        TotalBytes = total;
    }

    public int Count => _sizes.Length;

    public long TotalBytes { get; }

    public string Key(int index) => $"{_prefix}:{index:D7}";

    public int Size(int index) => _sizes[index];

    /// <summary>The value of key <paramref name="index"/>: xorshift bytes seeded by the index (and the prefix), so a value
    /// that landed under another key, or another value's bytes, never compare equal.</summary>
    public byte[] Value(int index)
    {
        var value = new byte[_sizes[index]];
        Fill(value, ((ulong)(uint)index << 20) ^ StableHash(_prefix) ^ 0x9E3779B97F4A7C15UL);
        return value;
    }

    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public static void Fill(Span<byte> target, ulong seed)
    {
        var state = seed == 0 ? 1UL : seed;
        for (var i = 0; i < target.Length; i++)
        {
            if ((i & 7) == 0)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
            }

            target[i] = (byte)(state >> ((i & 7) * 8));
        }
    }
}
