using System.Buffers;

namespace Memgate.Server;

/// <summary>
/// One connection's input: pending bytes at the front of a pooled array, free space behind them.
/// Grows when a request needs more room and falls back to the initial size once a big request is gone, so
/// thousands of idle connections cost only their initial buffers.
/// </summary>
internal sealed class ReceiveBuffer : IDisposable
{
    private readonly int _initialSize;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public ReceiveBuffer(int initialSize)
    {
        _initialSize = Math.Max(initialSize, 64);
        _buffer = ArrayPool<byte>.Shared.Rent(_initialSize);
    }

    public int Capacity => _buffer.Length;

    /// <summary>Bytes received and not yet consumed.</summary>
    public ReadOnlyMemory<byte> Pending => _buffer.AsMemory(_start, _end - _start);

    public int PendingLength => _end - _start;

    /// <summary>Free space to receive into; compacts first so the space is as large as possible.</summary>
    public Memory<byte> FreeSpace
    {
        get
        {
            if (_start > 0)
            {
                Compact();
            }

            return _buffer.AsMemory(_end);
        }
    }

    /// <summary>Free space behind the pending bytes, without moving them (a session may still be reading them).</summary>
    public Memory<byte> TailSpace => _buffer.AsMemory(_end);

    public bool IsFull => _start == 0 && _end == _buffer.Length;

    public void Commit(int received) => _end += received;

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
            if (_buffer.Length > _initialSize)
            {
                // The big request is gone; do not keep its buffer for an idle connection.
                Replace(_initialSize);
            }
        }
    }

    /// <summary>Makes room for a request of <paramref name="totalBytes"/> bytes (0 = unknown: double).</summary>
    public void EnsureRoomFor(int totalBytes)
    {
        int needed = totalBytes > 0 ? totalBytes : _buffer.Length * 2;
        if (needed <= _buffer.Length)
        {
            return;
        }

        Replace(needed);
    }

    private void Compact()
    {
        int length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(_buffer);
        _start = 0;
        _end = length;
    }

    private void Replace(int size)
    {
        int length = _end - _start;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, length));
        _buffer.AsSpan(_start, length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
        _start = 0;
        _end = length;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
