using System.Runtime.InteropServices;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>kill(2) by PID: .NET's Process.Kill only sends SIGKILL, and a daemon is not our child process.</summary>
public static partial class PosixSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false if the process does not exist.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
