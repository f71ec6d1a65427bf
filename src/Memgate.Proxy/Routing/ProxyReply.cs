using System.Buffers;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Routing;

/// <summary>
/// The bytes a route answers one client request with: a backend's reply handed on without a copy,
/// a reply assembled in a rented buffer, a shared literal, or nothing (noreply). The session writes
/// it to the client and then calls <see cref="Release"/> exactly once.
/// </summary>
public readonly struct ProxyReply
{
    private readonly byte[]? _rented;
    private readonly int _length;
    private readonly ReadOnlyMemory<byte> _literal;

    private ProxyReply(byte[]? rented, int length, ReadOnlyMemory<byte> literal)
    {
        _rented = rented;
        _length = length;
        _literal = literal;
    }

    /// <summary>No reply at all.</summary>
    public static ProxyReply None => default;

    /// <summary>The reply bytes.</summary>
    public ReadOnlySpan<byte> Span => _rented is not null ? _rented.AsSpan(0, _length) : _literal.Span;

    /// <summary>A reply that is a shared, never-returned byte array (pre-encoded literals).</summary>
    public static ProxyReply Literal(ReadOnlyMemory<byte> bytes) => new(null, 0, bytes);

    /// <summary>Takes over the buffer of a successful backend reply.</summary>
    public static ProxyReply FromBackend(in BackendReply reply) => new(reply.RentedBuffer, reply.Length, default);

    /// <summary>Takes over a buffer rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static ProxyReply Rented(byte[] buffer, int length) => new(buffer, length, default);

    /// <summary>Copies bytes into a new rented reply.</summary>
    public static ProxyReply Copy(ReadOnlySpan<byte> bytes)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new ProxyReply(buffer, bytes.Length, default);
    }

    /// <summary>Returns a rented buffer to the pool.</summary>
    public void Release()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
