using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>
/// -B auto: like memcached, the first byte a client sends picks the protocol for the whole connection
/// (the binary request magic 0x80 → binary, anything else → text and meta).
/// </summary>
internal sealed class NegotiatingSession : IProtocolSession
{
    private readonly Func<IProtocolSession> _createText;
    private readonly Func<IProtocolSession> _createBinary;
    private IProtocolSession? _chosen;

    public NegotiatingSession(Func<IProtocolSession> createText, Func<IProtocolSession> createBinary)
    {
        _createText = createText;
        _createBinary = createBinary;
    }

    public ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken)
    {
        if (_chosen is null)
        {
            if (input.IsEmpty)
            {
                return new(new ProcessResult(0, ProcessOutcome.NeedMoreInput));
            }

            _chosen = input.Span[0] == BinaryHeader.RequestMagic ? _createBinary() : _createText();
        }

        return _chosen.ProcessAsync(input, output, cancellationToken);
    }

    public void Dispose() => _chosen?.Dispose();
}
