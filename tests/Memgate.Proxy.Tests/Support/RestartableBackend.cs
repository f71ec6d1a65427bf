using System.Globalization;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Support;

/// <summary>
/// A real backend process (memcached or a memgate node) on a fixed loopback port that a test can
/// kill -9, start again on the same port (empty), SIGSTOP and SIGCONT. Only the process this class
/// started is ever signalled, by its PID.
/// </summary>
internal sealed class RestartableBackend : IAsyncDisposable
{
    private readonly bool _memcached;
    private ExternalProcess? _process;

    private RestartableBackend(bool memcached, int port)
    {
        _memcached = memcached;
        Port = port;
    }

    public int Port { get; }

    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public int Pid => _process?.Id ?? 0;

    public static async Task<RestartableBackend> StartAsync(bool memcached)
    {
        for (int attempt = 0; ; attempt++)
        {
            var backend = new RestartableBackend(memcached, Memgate.Testing.FreePort.Pick());
            try
            {
                await backend.LaunchAsync();
                return backend;
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                // Port race with another test: another port.
                await backend.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the process (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task LaunchAsync()
    {
        string port = Port.ToString(CultureInfo.InvariantCulture);
        _process = _memcached
            ? ExternalProcess.Start("/usr/bin/memcached", ["-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", port, "-m", "16"])
            : MemgateProcess.StartMemgate(RepositoryLayout.MemgateDll(), ["node", "-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", port, "-m", "16"]);
        if (!await _process.WaitForPortAsync(Port, ServerProcess.StartTimeout))
        {
            string description = _process.Describe();
            await _process.DisposeAsync();
            _process = null;
            throw new InvalidOperationException("backend did not start: " + description);
        }
    }

    /// <summary>kill -9 (SIGKILL) of the process started last.</summary>
    public void Kill()
    {
        if (_process is not null)
        {
            Signal("CONT");
            _process.Kill();
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>SIGSTOP: keeps its sockets and its data, answers nothing (a partition, as far as the proxy can tell).</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT.</summary>
    public void Resume() => Signal("CONT");

    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Port);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
    }

    private void Signal(string signal)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using System.Diagnostics.Process kill = System.Diagnostics.Process.Start("/bin/kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit(5000);
    }
}
