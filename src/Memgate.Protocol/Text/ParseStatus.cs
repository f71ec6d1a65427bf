namespace Memgate.Protocol.Text;

/// <summary>Outcome of parsing one command line from the receive buffer.</summary>
public enum ParseStatus : byte
{
    /// <summary>A full command line was parsed into the request (storage commands: the line only; the data block follows).</summary>
    Complete,

    /// <summary>No complete line yet. The caller applies the line-length rule (see <see cref="TextRequestParser.ShouldCloseOverlongLine"/>).</summary>
    Incomplete,

    /// <summary>The line is invalid: send <see cref="TextRequest.ErrorReply"/> (unless suppressed) and consume <see cref="TextRequest.LineLength"/> bytes.</summary>
    Error,

    /// <summary>Close the connection without a reply (for example a line ending in <c>HTTP/1.1</c>).</summary>
    Close,
}
