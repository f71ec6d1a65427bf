namespace Memgate.Node.Commands;

/// <summary>Everything a store needs, from a text storage command or from ms.</summary>
internal readonly ref struct StoreRequest
{
    public required StoreMode Mode { get; init; }
    public required ReadOnlySpan<byte> Key { get; init; }
    public required ReadOnlySpan<byte> Data { get; init; }
    public required uint ClientFlags { get; init; }
    /// <summary>Engine-relative exptime (already converted).</summary>
    public required uint ExpTime { get; init; }
    /// <summary>CAS to compare (0 = none).</summary>
    public ulong CompareCas { get; init; }
    /// <summary>ms I: a lower CAS may replace the value, marking it stale.</summary>
    public bool AllowStale { get; init; }
    /// <summary>The key arrived base64-encoded (ms b): remembered on the item so mg k echoes it that way.</summary>
    public bool KeyIsBinary { get; init; }

    /// <summary>Explicit CAS for the stored item (0 = from the counter).</summary>
    public ulong ExplicitCas { get; init; }
}
