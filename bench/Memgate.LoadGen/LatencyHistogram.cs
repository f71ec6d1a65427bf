using System.Numerics;

namespace Memgate.LoadGen;

/// <summary>
/// Log-linear histogram of Stopwatch ticks (HdrHistogram's layout with 64 sub-buckets per power
/// of two, under 1.6 % error). Fixed size, so recording never allocates.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 6;
    private const int Sub = 1 << SubBits;
    private const int Linear = Sub * 2;
    private readonly long[] _counts = new long[Linear + ((64 - SubBits) * Sub)];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long ticks)
    {
        var v = (ulong)Math.Max(ticks, 0);
        _counts[Index(v)]++;
        Count++;
        if (ticks > Max)
        {
            Max = ticks;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Value in ticks at quantile <paramref name="q"/> (0..1), as the middle of its bucket.</summary>
    public long ValueAt(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(Middle(i), Max);
            }
        }

        return Max;
    }

    private static int Index(ulong v)
    {
        if (v < Linear)
        {
            return (int)v;
        }

        var shift = BitOperations.Log2(v) - SubBits;
        return Linear + ((shift - 1) * Sub) + (int)((v >> shift) - Sub);
    }

    private static long Middle(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / Sub) + 1;
        var low = (long)(((index - Linear) % Sub) + Sub) << shift;
        return low + ((1L << shift) / 2);
    }
}
