using System.Buffers;
using Memgate.Protocol.Text;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// One client request, copied out of the receive buffer so routes can await backends: the key, and
/// the bytes to send to a backend — always the loud form (no <c>noreply</c>, no meta <c>q</c>), because
/// a reply that may or may not come would break FIFO matching on a shared backend connection. The
/// session drops the reply afterwards when the client asked for silence.
/// </summary>
public sealed class ProxyRequest : IDisposable
{
    private byte[]? _wire;

    public TextCommand Command { get; init; }

    public RouteKind Route { get; init; }

    public ReplyKind ReplyKind { get; init; }

    public ReplicaCopyMode CopyMode { get; init; }

    /// <summary>The key (decoded when it came base64-encoded); the first key of a multi-key get.</summary>
    public byte[] Key { get; init; } = [];

    /// <summary>get/gets/gat/gats: every key in request order.</summary>
    public byte[][] Keys { get; init; } = [];

    /// <summary>get/gets/gat/gats: "get", "gets", "gat 100", "gats 100" — the line up to the keys.</summary>
    public byte[] RetrievalVerb { get; init; } = [];

    /// <summary>gat, gats and mg with T: the read sets the key's TTL to <see cref="TouchTtl"/>, on both copies (<see cref="TouchCopier"/>).</summary>
    public bool Touches { get; init; }

    /// <summary>The exptime of a touching read as the client sent it (relative seconds, absolute time or negative).</summary>
    public long TouchTtl { get; init; }

    /// <summary>Text noreply: the client gets no reply at all.</summary>
    public bool NoReply { get; init; }

    /// <summary>Meta q: the client gets no reply when the reply is the "nothing to report" code.</summary>
    public bool Quiet { get; init; }

    /// <summary>The request bytes to send (line plus data block).</summary>
    public ReadOnlyMemory<byte> Wire => _wire is null ? default : _wire.AsMemory(0, WireLength);

    public int WireLength { get; private set; }

    /// <summary>Takes over a buffer rented from <see cref="ArrayPool{T}.Shared"/> as the wire bytes.</summary>
    public void SetWire(byte[] rented, int length)
    {
        _wire = rented;
        WireLength = length;
    }

    /// <summary>True when the session must finish this request (and its replica copy) before dispatching the next one.</summary>
    public bool IsBarrier => Route == RouteKind.PrimaryDecides;

    /// <summary>Whether the client sees <paramref name="reply"/> (noreply and meta quiet mode drop some or all).</summary>
    public bool ShowsReply(ReadOnlySpan<byte> reply)
    {
        if (NoReply)
        {
            return false;
        }

        if (!Quiet)
        {
            return true;
        }

        // memcached's quiet mode hides exactly these codes (checked against 1.6.18 and the memgate node).
        return Command switch
        {
            TextCommand.MetaGet => !reply.StartsWith("EN"u8),
            TextCommand.MetaSet or TextCommand.MetaDelete => !reply.StartsWith("HD"u8),
            TextCommand.MetaArithmetic => !(reply.StartsWith("HD"u8) || reply.StartsWith("VA"u8)),
            _ => true,
        };
    }

    public void Dispose()
    {
        byte[]? wire = Interlocked.Exchange(ref _wire, null);
        if (wire is not null)
        {
            ArrayPool<byte>.Shared.Return(wire);
        }
    }
}
