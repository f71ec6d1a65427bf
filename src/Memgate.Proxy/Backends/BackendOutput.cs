namespace Memgate.Proxy.Backends;

/// <summary>
/// Requests waiting to be written to a backend socket: appended at the back, sent from the front. The unsent part
/// moves to the front only when an append needs room, so a partial send costs nothing until then.
/// </summary>
internal sealed class BackendOutput
{
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    /// <summary>Bytes not yet sent.</summary>
    public int Pending => _end - _start;

    public ReadOnlySpan<byte> PendingSpan => _buffer.AsSpan(_start, _end - _start);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_end + bytes.Length > _buffer.Length)
        {
            MakeRoom(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>The last <paramref name="count"/> pending bytes.</summary>
    public ReadOnlySpan<byte> Tail(int count) => _buffer.AsSpan(_end - count, count);

    /// <summary>Takes back the last <paramref name="count"/> pending bytes (not sent yet).</summary>
    public void TrimEnd(int count) => _end -= count;

    /// <summary>The first <paramref name="count"/> pending bytes were sent.</summary>
    public void Advance(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    public void Clear() => _start = _end = 0;

    private void MakeRoom(int needed)
    {
        int pending = _end - _start;
        if (pending + needed > _buffer.Length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, pending + needed)];
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }

        _start = 0;
        _end = pending;
    }
}
