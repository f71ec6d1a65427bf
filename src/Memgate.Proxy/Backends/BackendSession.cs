using System.Net.Sockets;

namespace Memgate.Proxy.Backends;

/// <summary>
/// One TCP connection's lifetime inside a <see cref="BackendConnection"/>: the socket and its
/// write batch. A reset throws the whole session away, so late I/O of a dead socket can never
/// touch the buffers or replies of its successor.
/// </summary>
internal sealed class BackendSession
{
    private byte[] _outgoing = new byte[4096];
    private byte[] _sending = new byte[4096];

    public BackendSession(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public bool Connected { get; set; }

    /// <summary>
    /// A writer owns the socket's send side (and the buffer <see cref="TakeOutgoing"/> returned):
    /// it keeps writing until the batch is empty, so bytes appended meanwhile need no other writer.
    /// </summary>
    public bool Writing { get; set; }

    public int OutgoingLength { get; private set; }

    /// <summary>Requests in the batch not yet handed to the socket.</summary>
    public int QueuedRequests { get; private set; }

    /// <summary>Appends a request to the batch. Caller holds the connection lock.</summary>
    public void Append(ReadOnlySpan<byte> request)
    {
        if (OutgoingLength + request.Length > _outgoing.Length)
        {
            Array.Resize(ref _outgoing, Math.Max(_outgoing.Length * 2, OutgoingLength + request.Length));
        }

        request.CopyTo(_outgoing.AsSpan(OutgoingLength));
        OutgoingLength += request.Length;
        QueuedRequests++;
    }

    /// <summary>Swaps the batch out for sending; returns its bytes. Caller holds the connection lock and is the writer.</summary>
    public ReadOnlyMemory<byte> TakeOutgoing()
    {
        (_outgoing, _sending) = (_sending, _outgoing);
        int length = OutgoingLength;
        OutgoingLength = 0;
        QueuedRequests = 0;
        return _sending.AsMemory(0, length);
    }

    public void Close() => Socket.Dispose();
}
