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

    /// <summary>Released when the write batch goes from empty to non-empty, and on close.</summary>
    public SemaphoreSlim WriteSignal { get; } = new(0);

    public bool Connected { get; set; }

    public int OutgoingLength { get; private set; }

    /// <summary>Appends a request to the batch. Caller holds the connection lock.</summary>
    public void Append(ReadOnlySpan<byte> request)
    {
        if (OutgoingLength + request.Length > _outgoing.Length)
        {
            Array.Resize(ref _outgoing, Math.Max(_outgoing.Length * 2, OutgoingLength + request.Length));
        }

        request.CopyTo(_outgoing.AsSpan(OutgoingLength));
        OutgoingLength += request.Length;
    }

    /// <summary>Swaps the batch out for sending; returns its bytes. Caller holds the connection lock.</summary>
    public ReadOnlyMemory<byte> TakeOutgoing()
    {
        (_outgoing, _sending) = (_sending, _outgoing);
        int length = OutgoingLength;
        OutgoingLength = 0;
        return _sending.AsMemory(0, length);
    }

    public void Close()
    {
        Socket.Dispose();
        WriteSignal.Release();
    }
}
