using System.Buffers;

namespace Memgate.Proxy.Backends;

/// <summary>
/// Result of a backend request. On <see cref="BackendStatus.Ok"/> it owns a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> holding the complete reply bytes; call <see cref="Dispose"/>
/// exactly once when done with them (a copy of the struct shares the same buffer).
/// </summary>
public readonly struct BackendReply : IDisposable
{
    private readonly byte[]? _buffer;
    private readonly int _length;

    internal BackendReply(BackendStatus status, byte[]? buffer, int length)
    {
        Status = status;
        _buffer = buffer;
        _length = length;
    }

    /// <summary>How the request ended.</summary>
    public BackendStatus Status { get; }

    /// <summary>True when a complete reply arrived.</summary>
    public bool IsOk => Status == BackendStatus.Ok;

    /// <summary>The raw reply, e.g. "STORED\r\n" or "VALUE k 0 1\r\nv\r\nEND\r\n"; empty unless <see cref="IsOk"/>.</summary>
    public ReadOnlySpan<byte> Span => _buffer is null ? default : _buffer.AsSpan(0, _length);

    /// <summary>The rented buffer (null unless <see cref="IsOk"/>), for handing ownership on without a copy.</summary>
    internal byte[]? RentedBuffer => _buffer;

    /// <summary>Reply length in <see cref="RentedBuffer"/>.</summary>
    internal int Length => _length;

    /// <summary>A failed reply without a buffer.</summary>
    public static BackendReply Failed(BackendStatus status) => new(status, null, 0);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
