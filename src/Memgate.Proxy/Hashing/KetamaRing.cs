using System.Globalization;
using System.Text;

namespace Memgate.Proxy.Hashing;

/// <summary>
/// Consistent-hash ring compatible with libmemcached's and twemproxy's ketama, so the proxy can
/// take over a key layout that clients (pylibmc, PHP memcached, twemproxy) already populated.
/// Golden vectors recorded from the real programs are in the test project.
/// </summary>
public sealed class KetamaRing : IKeyPlacement
{
    private const int PointsPerServerWeighted = 160;
    private const int PointsPerHashWeighted = 4;
    private const int PointsPerServerUnweighted = 100;

    // Parallel arrays sorted by point value: a binary search over uint[] is cache-friendly.
    private readonly uint[] _points;
    private readonly int[] _owners;
    private readonly KeyHashKind _keyHash;

    private KetamaRing(uint[] points, int[] owners, int serverCount, KeyHashKind keyHash)
    {
        _points = points;
        _owners = owners;
        _keyHash = keyHash;
        ServerCount = serverCount;
    }

    /// <inheritdoc />
    public int ServerCount { get; }

    /// <summary>Number of points on the ring (for stats and tests).</summary>
    public int PointCount => _points.Length;

    /// <summary>Builds a ring over <paramref name="nodes"/>; server indexes follow their order.</summary>
    /// <param name="nodes">Servers in configuration order.</param>
    /// <param name="mode">Point layout; <see cref="KetamaMode.Weighted"/> is the libmemcached/twemproxy standard.</param>
    /// <param name="keyHash">Hash applied to keys (MD5 for standard ketama).</param>
    public static KetamaRing Create(IReadOnlyList<KetamaNode> nodes, KetamaMode mode = KetamaMode.Weighted, KeyHashKind keyHash = KeyHashKind.Md5)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("a ketama ring needs at least one server", nameof(nodes));
        }

        foreach (KetamaNode node in nodes)
        {
            if (node.Weight < 1)
            {
                throw new ArgumentException($"server '{node.Name}' has weight {node.Weight}; weights start at 1", nameof(nodes));
            }
        }

        // libmemcached turns weighted ketama on by itself as soon as one server has a weight > 1.
        bool weighted = mode == KetamaMode.Weighted || nodes.Any(n => n.Weight > 1);
        var points = new List<(uint Value, int Owner)>(nodes.Count * PointsPerServerWeighted);
        if (weighted)
        {
            AddWeightedPoints(nodes, points);
        }
        else
        {
            AddUnweightedPoints(nodes, keyHash, points);
        }

        // Ties are broken by server index as libmemcached does; twemproxy's qsort leaves them
        // unspecified, and with 32-bit values they practically never occur.
        points.Sort(static (a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Owner.CompareTo(b.Owner));
        return new KetamaRing(
            points.Select(p => p.Value).ToArray(),
            points.Select(p => p.Owner).ToArray(),
            nodes.Count,
            keyHash);
    }

    /// <summary>The key hash the ring is searched with.</summary>
    public KeyHashKind KeyHash => _keyHash;

    /// <inheritdoc />
    public int Locate(ReadOnlySpan<byte> key) => LocateHash(KeyHashes.Compute(_keyHash, key));

    /// <summary>Owner of the first point at or after <paramref name="hash"/>, wrapping at the end of the ring.</summary>
    public int LocateHash(uint hash)
    {
        uint[] points = _points;
        int left = 0;
        int right = points.Length;
        while (left < right)
        {
            int middle = left + ((right - left) >> 1);
            if (points[middle] < hash)
            {
                left = middle + 1;
            }
            else
            {
                right = middle;
            }
        }

        return _owners[right == points.Length ? 0 : right];
    }

    private static void AddWeightedPoints(IReadOnlyList<KetamaNode> nodes, List<(uint, int)> points)
    {
        long totalWeight = nodes.Sum(n => (long)n.Weight);
        Span<byte> name = stackalloc byte[512];
        for (int owner = 0; owner < nodes.Count; owner++)
        {
            // Same float arithmetic as twemproxy/libmemcached: the point count must round the same way.
            float pct = nodes[owner].Weight / (float)totalWeight;
            float scaled = pct * PointsPerServerWeighted / 4 * nodes.Count;
            int pointsForServer = (int)(MathF.Floor((float)(scaled + 0.0000000001)) * 4);
            for (int i = 0; i < pointsForServer / PointsPerHashWeighted; i++)
            {
                int length = FormatPointName(nodes[owner].Name, i, name);
                for (int alignment = 0; alignment < PointsPerHashWeighted; alignment++)
                {
                    points.Add((KeyHashes.Md5(name[..length], alignment), owner));
                }
            }
        }
    }

    private static void AddUnweightedPoints(IReadOnlyList<KetamaNode> nodes, KeyHashKind keyHash, List<(uint, int)> points)
    {
        Span<byte> name = stackalloc byte[512];
        for (int owner = 0; owner < nodes.Count; owner++)
        {
            for (int i = 0; i < PointsPerServerUnweighted; i++)
            {
                int length = FormatPointName(nodes[owner].Name, i, name);
                points.Add((KeyHashes.Compute(keyHash, name[..length]), owner));
            }
        }
    }

    private static int FormatPointName(string serverName, int index, Span<byte> destination)
    {
        string text = serverName + "-" + index.ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(text, destination);
    }
}
