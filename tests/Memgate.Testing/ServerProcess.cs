namespace Memgate.Testing;

/// <summary>A running cache server on 127.0.0.1 started by a test; killed by PID on dispose.</summary>
public abstract class ServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take to accept its first connection.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private const int StartAttempts = 3;

    protected ServerProcess(ServerKind kind, ExternalProcess process, int port, IReadOnlyList<string> extraArguments)
    {
        Kind = kind;
        Process = process;
        Port = port;
        ExtraArguments = extraArguments;
    }

    public ServerKind Kind { get; }

    public ExternalProcess Process { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The memcached-style flags given beyond port, address and UDP.</summary>
    public IReadOnlyList<string> ExtraArguments { get; }

    /// <summary>Starts a server of <paramref name="kind"/> with the given extra memcached flags.</summary>
    public static async Task<ServerProcess> StartAsync(ServerKind kind, params string[] extraArguments) => kind switch
    {
        ServerKind.Memcached => await MemcachedProcess.StartAsync(extraArguments),
        ServerKind.Memgate => await MemgateProcess.StartAsync(extraArguments),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Opens a raw client connection to this server.</summary>
    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Port);

    public override string ToString() => $"{Kind} on {Host}:{Port}";

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts a process for a fresh free port and waits until it accepts; retries with another port
    /// when the process dies early (most likely a port race with another test).
    /// </summary>
    protected static async Task<(ExternalProcess Process, int Port)> LaunchAsync(
        Func<int, ExternalProcess> start, string what)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = FreePort.Pick();
            var process = start(port);
            if (await process.WaitForPortAsync(port, StartTimeout))
            {
                return (process, port);
            }

            failures.Add(process.Describe());
            await process.DisposeAsync();
        }

        throw new InvalidOperationException(
            $"{what} did not accept connections after {StartAttempts} attempts:\n" + string.Join("\n\n", failures));
    }
}
