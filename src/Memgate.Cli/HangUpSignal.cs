using System.Runtime.InteropServices;

namespace Memgate.Cli;

/// <summary>
/// memcached installs its SIGHUP handler whatever it inherited; a process started under <c>nohup</c> (or by a
/// supervisor that ignores SIGHUP) inherits SIGHUP ignored, and .NET then leaves it ignored, so an authfile reload
/// by SIGHUP would silently do nothing. Restoring the default disposition first lets the registration take effect.
/// </summary>
internal static partial class HangUpSignal
{
    private const int SIGHUP = 1;

    /// <summary>Call before registering the SIGHUP handler.</summary>
    public static void StopIgnoring()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = signal(SIGHUP, nint.Zero); // SIG_DFL
        }
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint signal(int signum, nint handler);
}
