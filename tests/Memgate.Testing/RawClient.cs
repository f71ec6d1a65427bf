using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Testing;

/// <summary>
/// A TCP client for protocol tests: sends raw bytes, and reads replies until a framing function
/// says they are complete, the server closes, or nothing arrives for a quiet timeout.
/// A background receive loop keeps reading so a large reply never blocks a large send.
/// </summary>
public sealed class RawClient : IAsyncDisposable, IDisposable
{
    /// <summary>Default: how long a read waits for the next byte before giving up.</summary>
    public static readonly TimeSpan DefaultQuietTimeout = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _pump;
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;
    private bool _remoteClosed;
    private int _disposed;

    private RawClient(Socket socket)
    {
        _socket = socket;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>True once the server closed or reset the connection (or a send failed).</summary>
    public bool RemoteClosed
    {
        get
        {
            lock (_lock)
            {
                return _remoteClosed;
            }
        }
    }

    public static async Task<RawClient> ConnectAsync(int port, string host = "127.0.0.1", TimeSpan? timeout = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host), port), cts.Token);
            return new RawClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends all bytes; false if the connection broke (the server closed it).</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None);
                data = data[sent..];
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            MarkClosed();
            return false;
        }
    }

    /// <summary>Sends <paramref name="text"/> as Latin-1 bytes (chars 0–255 map to bytes 0–255).</summary>
    public Task<bool> SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>
    /// Reads until <paramref name="framer"/> returns the length of a complete reply at the start of
    /// the received bytes (or -1 for "need more"). Consumes exactly that many bytes; the rest stays
    /// for the next read.
    /// </summary>
    public async Task<ReadResult> ReadAsync(Func<ReadOnlyMemory<byte>, int> framer, TimeSpan? quietTimeout = null, TimeSpan? deadline = null)
    {
        var quiet = quietTimeout ?? DefaultQuietTimeout;
        var overall = System.Diagnostics.Stopwatch.StartNew();
        var max = deadline ?? TimeSpan.FromSeconds(60);
        var checkedLength = -1;
        while (true)
        {
            // Drain pending signals; state is re-read under the lock below.
            while (_arrived.CurrentCount > 0)
            {
                await _arrived.WaitAsync();
            }

            lock (_lock)
            {
                if (_length != checkedLength)
                {
                    checkedLength = _length;
                    var complete = framer(new ReadOnlyMemory<byte>(_buffer, 0, _length));
                    if (complete >= 0)
                    {
                        return new ReadResult(Take(complete), ReadEnd.Complete);
                    }
                }

                if (_remoteClosed)
                {
                    return new ReadResult(Take(_length), ReadEnd.Closed);
                }

                if (overall.Elapsed > max)
                {
                    return new ReadResult(Take(_length), ReadEnd.Deadline);
                }
            }

            if (!await _arrived.WaitAsync(quiet))
            {
                lock (_lock)
                {
                    if (_length == checkedLength && !_remoteClosed)
                    {
                        return new ReadResult(Take(_length), ReadEnd.QuietTimeout);
                    }
                }
            }
        }
    }

    /// <summary>Reads up to and including <paramref name="terminator"/>.</summary>
    public Task<ReadResult> ReadUntilAsync(string terminator, TimeSpan? quietTimeout = null)
    {
        var pattern = Encoding.Latin1.GetBytes(terminator);
        return ReadAsync(
            data =>
            {
                var at = data.Span.IndexOf(pattern);
                return at < 0 ? -1 : at + pattern.Length;
            },
            quietTimeout);
    }

    /// <summary>Reads whatever arrives until nothing more comes for <paramref name="quiet"/> (or the server closes).</summary>
    public Task<ReadResult> ReadQuietAsync(TimeSpan quiet) => ReadAsync(_ => -1, quiet);

    /// <summary>Reads until the server closes the connection; <see cref="ReadEnd.QuietTimeout"/> if it stays open.</summary>
    public Task<ReadResult> ReadUntilCloseAsync(TimeSpan timeout) => ReadAsync(_ => -1, timeout, timeout);

    /// <summary>Sends <paramref name="request"/> and returns the reply text up to <paramref name="terminator"/>; throws if it does not come.</summary>
    public async Task<string> RequestAsync(string request, string terminator = "\r\n", TimeSpan? quietTimeout = null)
    {
        await SendAsync(request);
        var result = await ReadUntilAsync(terminator, quietTimeout);
        return result.IsComplete
            ? result.Text
            : throw new InvalidOperationException($"no complete reply to {Escaping.Escape(request, 200)}: {result}");
    }

    /// <summary>Closes our sending side (FIN) but keeps reading.</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>Drops the connection abruptly with a TCP reset (linger 0).</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }

        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        MarkClosed();
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            await _pump;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task PumpAsync()
    {
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(chunk, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                lock (_lock)
                {
                    if (_length + n > _buffer.Length)
                    {
                        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
                    }

                    chunk.AsSpan(0, n).CopyTo(_buffer.AsSpan(_length));
                    _length += n;
                }

                _arrived.Release();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset or disposed: both mean "closed" to a reader.
        }

        MarkClosed();
    }

    private void MarkClosed()
    {
        lock (_lock)
        {
            _remoteClosed = true;
        }

        _arrived.Release();
    }

    private byte[] Take(int count)
    {
        var taken = _buffer.AsSpan(0, count).ToArray();
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
        return taken;
    }
}
