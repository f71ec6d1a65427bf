using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Configuration;

/// <summary>The configuration spellings of distributions, hashes and ketama modes (twemproxy's where it has one).</summary>
public static class PlacementNames
{
    private static readonly Dictionary<string, KeyHashKind> Hashes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = KeyHashKind.Md5,
        ["one_at_a_time"] = KeyHashKind.OneAtATime,
        ["fnv1_32"] = KeyHashKind.Fnv1_32,
        ["fnv1a_32"] = KeyHashKind.Fnv1a_32,
        ["fnv1_64"] = KeyHashKind.Fnv1_64,
        ["fnv1a_64"] = KeyHashKind.Fnv1a_64,
        ["crc32"] = KeyHashKind.Crc32,
        ["crc32a"] = KeyHashKind.Crc32a,
        ["magent_djb"] = KeyHashKind.MagentDjb,
    };

    private static readonly Dictionary<string, DistributionKind> Distributions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ketama"] = DistributionKind.Ketama,
        ["modula"] = DistributionKind.Modula,
        ["jump"] = DistributionKind.Jump,
    };

    private static readonly Dictionary<string, KetamaMode> KetamaModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["weighted"] = KetamaMode.Weighted,
        ["libmemcached"] = KetamaMode.LibmemcachedUnweighted,
    };

    /// <summary>Accepted hash names, for error messages.</summary>
    public static string HashList => string.Join(", ", Hashes.Keys);

    /// <summary>Accepted distribution names, for error messages.</summary>
    public static string DistributionList => string.Join(", ", Distributions.Keys);

    /// <summary>Accepted ketama mode names, for error messages.</summary>
    public static string KetamaModeList => string.Join(", ", KetamaModes.Keys);

    public static bool TryParseHash(string? text, out KeyHashKind hash) => Hashes.TryGetValue(text ?? string.Empty, out hash);

    public static bool TryParseDistribution(string? text, out DistributionKind distribution) =>
        Distributions.TryGetValue(text ?? string.Empty, out distribution);

    public static bool TryParseKetamaMode(string? text, out KetamaMode mode) => KetamaModes.TryGetValue(text ?? string.Empty, out mode);
}
