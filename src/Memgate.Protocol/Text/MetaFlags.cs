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

    /// <summary>
    /// The flag tokens as sent, space separated, in request order. Only a token's first byte names its flag
    /// (memcached reads "vq" as v), so iterate with <see cref="TokenReader"/> and switch on <c>token[0]</c>.
    /// </summary>
    public ReadOnlySpan<byte> Raw;

    /// <summary>O: opaque token (without the letter), echoed back.</summary>
    public ReadOnlySpan<byte> Opaque;

    /// <summary>T: TTL to set/update (32-bit, truncated like memcached's safe_strtol).</summary>
    public long Ttl;

    /// <summary>N: vivify-on-miss / autovivify TTL.</summary>
    public long VivifyTtl;

    /// <summary>R: recache threshold TTL.</summary>
    public long RecacheTtl;

    /// <summary>C: CAS to compare.</summary>
    public ulong CompareCas;

    /// <summary>E: explicit new CAS value. Reserved: memcached 1.6.18 rejects E ("CLIENT_ERROR invalid flag", added in 1.6.27), so the parser never sets it.</summary>
    public ulong ExplicitCas;

    /// <summary>F: client flags (ms).</summary>
    public uint ClientFlags;

    /// <summary>M: mode character (ms: E A P R S; ma: I + D -), 0 when absent.</summary>
    public byte Mode;

    /// <summary>D: delta for ma (1 when absent; the parser sets the default).</summary>
    public ulong Delta;

    /// <summary>J: initial value for ma autovivify (default 0).</summary>
    public ulong Initial;

    public readonly bool Has(char flag) => (Present & Bit(flag)) != 0;

    public readonly bool Quiet => Has('q');

    /// <summary>The opaque token exceeds memcached's 32 bytes (counting its 'O').</summary>
    public readonly bool OpaqueTooLong => Opaque.Length + 1 > 32;

    public static ulong Bit(char flag) => flag is >= 'A' and <= 'z' ? 1UL << (flag - 'A') : 0;
}
