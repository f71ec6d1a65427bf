using System.Net.Sockets;
using System.Text;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Streams the keys of a memcached 1.6 (or memgate) node with <c>lru_crawler metadump all</c>: one line per item,
/// <c>key=&lt;uri-encoded key&gt; exp=… la=… cas=… fetch=… cls=… size=…</c>, then <c>END</c>. memcached answers
/// <c>BUSY …</c> while its crawler runs another job; the caller retries later.
/// </summary>
internal sealed class MetadumpReader : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private StreamReader? _reader;

    /// <summary>Why the dump ended early: null when it reached END.</summary>
    public string? Failure { get; private set; }

    /// <summary>True when the node was busy with another crawl (worth retrying).</summary>
    public bool Busy { get; private set; }

    public async Task ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(timeout);
        await _client.ConnectAsync(host, port, connect.Token).ConfigureAwait(false);
        NetworkStream stream = _client.GetStream();
        await stream.WriteAsync("lru_crawler metadump all\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        _reader = new StreamReader(stream, Encoding.Latin1);
    }

    /// <summary>The keys, in dump order; stops at END, an error line or a closed connection (see <see cref="Failure"/>).</summary>
    public async IAsyncEnumerable<byte[]> KeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _reader!.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line == "END")
            {
                yield break;
            }

            if (!line.StartsWith("key=", StringComparison.Ordinal))
            {
                Busy = line.StartsWith("BUSY", StringComparison.Ordinal);
                Failure = line;
                yield break;
            }

            int end = line.IndexOf(' ', StringComparison.Ordinal);
            string encoded = end < 0 ? line[4..] : line[4..end];
            if (TryDecode(encoded, out byte[]? key))
            {
                yield return key;
            }
        }

        Failure = "connection closed before END";
    }

    /// <summary>memcached's uriencode: %XX for every byte outside A-Z a-z 0-9 and -._~.</summary>
    internal static bool TryDecode(string encoded, out byte[] key)
    {
        var bytes = new List<byte>(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            char c = encoded[i];
            if (c != '%')
            {
                bytes.Add((byte)c);
                continue;
            }

            if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out byte value))
            {
                key = [];
                return false;
            }

            bytes.Add(value);
            i += 2;
        }

        key = [.. bytes];
        return key.Length is > 0 and <= 250;
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
