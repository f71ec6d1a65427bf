namespace Memgate.Testing;

/// <summary>Why a <see cref="RawClient"/> read stopped.</summary>
public enum ReadEnd
{
    /// <summary>The framing function found a complete reply.</summary>
    Complete,

    /// <summary>The server closed (or reset) the connection.</summary>
    Closed,

    /// <summary>No byte arrived for the quiet timeout.</summary>
    QuietTimeout,

    /// <summary>The overall deadline passed while bytes were still arriving.</summary>
    Deadline,
}
