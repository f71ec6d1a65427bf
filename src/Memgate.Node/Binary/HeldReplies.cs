using System.Buffers;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>
/// Replies kept back while a refused value is swallowed: memcached queues them and sends nothing until the swallow
/// ends, so a client that disconnects mid-value never sees them. Rarely used, so the buffer is rented on demand.
/// </summary>
internal sealed class HeldReplies : IDisposable
{
    private byte[]? _buffer;
    private int _length;

    /// <summary>Moves the unsent replies (after <paramref name="flushed"/>) out of the output.</summary>
    public void Hold(OutputBuffer output, int flushed)
    {
        var pending = output.WrittenSpan[flushed..];
        if (pending.IsEmpty)
        {
            return;
        }

        if (_buffer is null || _buffer.Length - _length < pending.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + pending.Length, 256));
            _buffer?.AsSpan(0, _length).CopyTo(bigger);
            Return();
            _buffer = bigger;
        }

        pending.CopyTo(_buffer.AsSpan(_length));
        _length += pending.Length;
        output.Truncate(flushed);
    }

    /// <summary>Puts held replies back into the output once the swallow is over.</summary>
    public void Release(OutputBuffer output)
    {
        if (_length == 0)
        {
            return;
        }

        output.Write(_buffer.AsSpan(0, _length));
        _length = 0;
        Return();
    }

    public void Dispose() => Return();

    private void Return()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
