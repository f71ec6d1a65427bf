namespace Memgate.Testing.Differential;

/// <summary>One server's side of a running <see cref="DiffCase"/>: its connections and its CAS ordinals.</summary>
public sealed class DiffSession : IAsyncDisposable
{
    /// <summary>How long to wait for the next byte before deciding a sentinel step's reply is over.</summary>
    public static readonly TimeSpan SentinelQuietTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long a step without sentinel waits for more bytes (or a close).</summary>
    public static readonly TimeSpan PlainQuietTimeout = TimeSpan.FromMilliseconds(500);

    private static readonly byte[] SentinelBytes = "mn\r\n"u8.ToArray();

    private readonly Dictionary<int, RawClient> _connections = [];

    public DiffSession(ServerProcess server)
    {
        Server = server;
    }

    public ServerProcess Server { get; }

    public CasTable Cas { get; } = new();

    public async Task<StepReply> RunStepAsync(DiffStep step)
    {
        if (!_connections.TryGetValue(step.Connection, out var client))
        {
            try
            {
                client = await Server.ConnectAsync();
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return new StepReply($"<connect failed: {e.Message}>", ReadEnd.Closed, 0);
            }

            _connections[step.Connection] = client;
        }

        foreach (var chunk in step.Chunks)
        {
            await client.SendAsync(CasPlaceholders.Expand(chunk.Template, Cas));
            if (chunk.PauseAfter > TimeSpan.Zero)
            {
                await Task.Delay(chunk.PauseAfter);
            }
        }

        if (step.Sentinel)
        {
            await client.SendAsync(SentinelBytes);
        }

        var mnCount = step.ExpectedMnCount();
        var read = await client.ReadAsync(
            data => mnCount == 0 ? -1 : ReplyFramer.CompleteLength(data.Span, mnCount),
            step.Sentinel ? SentinelQuietTimeout : PlainQuietTimeout,
            TimeSpan.FromSeconds(30));
        return new StepReply(ReplyNormaliser.Normalise(read.Data, Cas), read.End, read.Data.Length);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _connections.Values)
        {
            await client.DisposeAsync();
        }

        _connections.Clear();
    }
}
