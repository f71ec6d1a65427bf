namespace Memgate.Node.Tests.Binary;

/// <summary>
/// One send of a differential case. The bytes may depend on the responses so far (to echo a CAS). Unless the step
/// expects the server to close, a sentinel NOOP follows so the reader knows when the replies are complete.
/// </summary>
public sealed record BinaryStep(Func<IReadOnlyList<BinaryResponse>, byte[]> Build)
{
    /// <summary>The server is expected to close the connection (no sentinel is sent).</summary>
    public bool ExpectClose { get; init; }

    /// <summary>Sends in chunks of this many bytes (0 = all at once) to exercise partial requests.</summary>
    public int ChunkSize { get; init; }

    /// <summary>How long to wait for more bytes before giving up on the sentinel (it may be swallowed).</summary>
    public TimeSpan QuietTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public static implicit operator BinaryStep(byte[] bytes) => new(_ => bytes);
}
