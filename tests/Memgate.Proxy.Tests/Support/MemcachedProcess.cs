using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Memgate.Proxy.Tests.Support;

/// <summary>
/// A real /usr/bin/memcached on a loopback port, started for one test. Only this process is ever
/// signalled or killed, by its own PID.
/// </summary>
internal sealed class MemcachedProcess : IDisposable
{
    private Process? _process;

    private MemcachedProcess(int port) => Port = port;

    public int Port { get; }

    public int Pid => _process?.Id ?? 0;

    public static MemcachedProcess Start(int? port = null)
    {
        var memcached = new MemcachedProcess(port ?? FreePort.Next());
        memcached.Launch();
        return memcached;
    }

    public void Launch()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/bin/memcached", ["-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "16"])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("memcached did not start");
        WaitUntilListening();
    }

    /// <summary>SIGSTOP: the process keeps its sockets but answers nothing (a hung backend).</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT.</summary>
    public void Resume() => Signal("CONT");

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            Signal("CONT");
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private void Signal(string signal)
    {
        using Process kill = Process.Start("/bin/kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit(5000);
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new TimeoutException($"memcached on port {Port} did not start listening");
    }
}
