namespace Memgate.Protocol.Text;

/// <summary>
/// The flags of a meta command (<c>mg ms md ma me mn</c>). Presence is a bit per flag letter; the tokens that
/// carry values are parsed into fields. <see cref="Raw"/> keeps the flag tokens in request order, because
/// memcached echoes return flags in the order the client sent them.
/// </summary>
public ref struct MetaFlags
{
    /// <summary>One bit per flag letter, see <see cref="Has"/>.</summary>
    public ulong Present;

    /// <summary>The flag tokens as sent, space separated, in request order.</summary>
    public ReadOnlySpan<byte> Raw;

    /// <summary>O: opaque token (without the letter), echoed back.</summary>
    public ReadOnlySpan<byte> Opaque;

    /// <summary>T: TTL to set/update.</summary>
    public long Ttl;

    /// <summary>N: vivify-on-miss / autovivify TTL.</summary>
    public long VivifyTtl;

    /// <summary>R: recache threshold TTL.</summary>
    public long RecacheTtl;

    /// <summary>C: CAS to compare.</summary>
    public ulong CompareCas;

    /// <summary>E: explicit new CAS value.</summary>
    public ulong ExplicitCas;

    /// <summary>F: client flags (ms).</summary>
    public uint ClientFlags;

    /// <summary>M: mode character (ms: E A P R S; ma: I + D -), 0 when absent.</summary>
    public byte Mode;

    /// <summary>D: delta for ma (default 1).</summary>
    public ulong Delta;

    /// <summary>J: initial value for ma autovivify (default 0).</summary>
    public ulong Initial;

    public readonly bool Has(char flag) => (Present & Bit(flag)) != 0;

    public readonly bool Quiet => Has('q');

    public static ulong Bit(char flag) => flag is >= 'A' and <= 'z' ? 1UL << (flag - 'A') : 0;
}
