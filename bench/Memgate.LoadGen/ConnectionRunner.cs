using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Memgate.LoadGen;

/// <summary>
/// One client connection in a closed loop: compose a batch into a pre-allocated buffer, send it,
/// read exactly its replies, record the batch latency. Nothing on that path allocates.
/// </summary>
internal sealed class ConnectionRunner : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;
    private const int MaxPreloadBatchBytes = 256 * 1024;

    private readonly LoadOptions _options;
    private readonly RequestComposer _composer;
    private readonly Socket _socket;
    private readonly byte[] _send;
    private readonly byte[] _receive = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
    private readonly ResponseReader _reader = new();
    private FastRandom _random;
    private int _receiveStart;
    private int _receiveEnd;

    public ConnectionRunner(LoadOptions options, RequestComposer composer, int index)
    {
        _options = options;
        _composer = composer;
        _random = new FastRandom(options.Seed + (index * 7919));
        PreloadDepth = Math.Clamp(MaxPreloadBatchBytes / composer.MaxSetLength, 1, options.PreloadDepth);
        var sendSize = Math.Max(composer.MaxSetLength * PreloadDepth, RequestComposer.MaxGetLength(options.MultigetKeys));
        sendSize = Math.Max(sendSize, RequestComposer.MaxGetLength(1) * options.Depth);
        _send = GC.AllocateArray<byte>(sendSize, pinned: true);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    public int PreloadDepth { get; }

    public ConnectionStats Stats { get; } = new();

    public long PreloadErrors { get; private set; }

    public Task ConnectAsync(IPEndPoint endPoint) => _socket.ConnectAsync(endPoint);

    /// <summary>Sets keys <paramref name="first"/>, first+stride, … in pipelined batches.</summary>
    public async Task PreloadAsync(int first, int stride)
    {
        var key = first;
        while (key < _composer.KeyCount)
        {
            var length = 0;
            var count = 0;
            for (; count < PreloadDepth && key < _composer.KeyCount; count++, key += stride)
            {
                length += _composer.WriteSet(_send.AsSpan(length), key);
            }

            await SendAsync(length).ConfigureAwait(false);
            await ReceiveRepliesAsync(count).ConfigureAwait(false);
        }

        PreloadErrors = _reader.Errors;
        _reader.ClearCounters();
    }

    public async Task RunAsync(MeasurementWindow window)
    {
        try
        {
            while (true)
            {
                var (length, replies, requests, getKeys) = Compose();
                var hitsBefore = _reader.Hits;
                var errorsBefore = _reader.Errors;
                var started = Stopwatch.GetTimestamp();
                await SendAsync(length).ConfigureAwait(false);
                await ReceiveRepliesAsync(replies).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                if (started >= window.Start)
                {
                    Stats.Latency.Record(now - started);
                    Stats.Batches++;
                    Stats.Requests += requests;
                    Stats.GetKeys += getKeys;
                    Stats.Hits += _reader.Hits - hitsBefore;
                    Stats.Errors += _reader.Errors - errorsBefore;
                    if (window.Count(requests, now))
                    {
                        break;
                    }
                }
                else if (window.Expired(now))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            Stats.Failure = e.Message;
        }

        window.Finished(Stopwatch.GetTimestamp());
    }

    public void Dispose() => _socket.Dispose();

    private (int Length, int Replies, int Requests, int GetKeys) Compose()
    {
        var buffer = _send.AsSpan();
        switch (_options.Workload)
        {
            case Workload.Pipeline:
                var length = 0;
                for (var i = 0; i < _options.Depth; i++)
                {
                    length += _composer.WriteGet(buffer[length..], ref _random, 1);
                }

                return (length, _options.Depth, _options.Depth, _options.Depth);
            case Workload.Multiget:
                return (_composer.WriteGet(buffer, ref _random, _options.MultigetKeys), 1, 1, _options.MultigetKeys);
            default:
                return _random.NextDouble() < _options.SetRatio
                    ? (_composer.WriteSet(buffer, _random.Next(_composer.KeyCount)), 1, 1, 0)
                    : (_composer.WriteGet(buffer, ref _random, 1), 1, 1, 1);
        }
    }

    private async ValueTask SendAsync(int length)
    {
        var sent = 0;
        while (sent < length)
        {
            sent += await _socket.SendAsync(_send.AsMemory(sent, length - sent), SocketFlags.None).ConfigureAwait(false);
        }
    }

    private async ValueTask ReceiveRepliesAsync(int replies)
    {
        _reader.Reset();
        while (!Consume(replies))
        {
            var read = await _socket.ReceiveAsync(_receive.AsMemory(_receiveEnd), SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("server closed the connection");
            }

            _receiveEnd += read;
        }
    }

    /// <summary>Feeds buffered bytes to the reader; true when all replies arrived, else makes room to receive.</summary>
    private bool Consume(int replies)
    {
        _receiveStart += _reader.Feed(_receive.AsSpan(_receiveStart, _receiveEnd - _receiveStart));
        if (_reader.Completed >= replies)
        {
            return true;
        }

        var pending = _receiveEnd - _receiveStart;
        if (_receiveStart > 0)
        {
            _receive.AsSpan(_receiveStart, pending).CopyTo(_receive);
            _receiveStart = 0;
            _receiveEnd = pending;
        }

        return _receiveEnd < _receive.Length ? false : throw new InvalidDataException("reply line longer than the receive buffer");
    }
}
