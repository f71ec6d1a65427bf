namespace Memgate.Proxy.Hashing;

/// <summary>
/// Maps a key to the index of the server that owns it. Implementations are immutable and
/// thread-safe, so a configuration reload swaps a whole placement instead of mutating one.
/// </summary>
public interface IKeyPlacement
{
    /// <summary>Number of servers the placement was built over; <see cref="Locate"/> returns 0..ServerCount-1.</summary>
    int ServerCount { get; }

    /// <summary>Returns the index (in configuration order) of the server that owns <paramref name="key"/>.</summary>
    int Locate(ReadOnlySpan<byte> key);
}
