namespace Memgate.Server;

/// <summary>
/// The protocol side of one client connection. The connection loop hands it everything received so far; the
/// session parses and executes as many complete requests as it can, writes every reply into the output buffer
/// (sent with one send per batch) and says how many input bytes it consumed.
/// A node session completes synchronously; a proxy session may await backends.
/// </summary>
public interface IProtocolSession : IDisposable
{
    ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken);
}
