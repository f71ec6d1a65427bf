using System.Diagnostics;

namespace Memgate.Cli;

/// <summary>
/// -d: .NET cannot fork, so the process starts itself again detached (setsid, stdio on /dev/null, like memcached's
/// daemonize) with a marker variable, and the foreground copy exits 0.
/// </summary>
public static class Daemon
{
    private const string ChildMarker = "MEMGATE_DAEMON_CHILD";

    public static bool IsDaemonChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    public static void StartDetachedCopy(string[] args)
    {
        string executable = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the memgate executable");
        var command = new List<string>();
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            // Run as `dotnet memgate.dll`: the first command-line argument is the assembly.
            command.Add(Environment.GetCommandLineArgs()[0]);
        }

        command.AddRange(args);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("setsid \"$0\" \"$@\" </dev/null >/dev/null 2>&1 &");
        start.ArgumentList.Add(executable);
        foreach (string argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ChildMarker] = "1";
        using var shell = Process.Start(start) ?? throw new InvalidOperationException("cannot start the daemon");
        shell.WaitForExit();
    }
}
