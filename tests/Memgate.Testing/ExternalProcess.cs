using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Testing;

/// <summary>
/// A child process started by a test: captures stdout/stderr, waits for a TCP port,
/// and is killed by its PID (with its own children) on dispose. Never kills by name.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable, IDisposable
{
    private const int MaxCapturedChars = 256 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _outputLock = new();
    private int _disposed;

    private ExternalProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    /// <summary>The command line, for messages.</summary>
    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string StandardOutput
    {
        get
        {
            lock (_outputLock)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_outputLock)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> (no shell).</summary>
    public static ExternalProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var commandLine = fileName + " " + string.Join(' ', info.ArgumentList);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new ExternalProcess(process, commandLine);
        process.OutputDataReceived += (_, e) => result.Append(result._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(result._stderr, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {commandLine}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>
    /// Waits until <paramref name="port"/> on 127.0.0.1 accepts a connection and (where /proc tells) this process is
    /// the one listening. Returns false if the process exited first or the timeout passed.
    /// </summary>
    public async Task<bool> WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                return false;
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token);

                // Someone listens; it must be this process, not another test's server that took the port first.
                if (ListeningSocketOwner.Owns(_process.Id, port) is not false)
                {
                    return true;
                }

                await Task.Delay(25);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                await Task.Delay(25);
            }
        }

        return false;
    }

    /// <summary>Waits for the process to exit; false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A description with exit state and captured output, for assertion messages.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"{CommandLine} (pid {Id}, {state})\n--- stdout ---\n{Tail(StandardOutput)}\n--- stderr ---\n{Tail(StandardError)}";
    }

    /// <summary>Kills the process (and its children) by PID if it still runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            if (target.Length > MaxCapturedChars)
            {
                target.Remove(0, target.Length / 2);
            }

            target.AppendLine(line);
        }
    }
}
