using System.Globalization;

namespace Memgate.Testing;

/// <summary>
/// Whether a process itself listens on a TCP port (Linux /proc). A free port picked for a test is released before the
/// server binds it, so another test's server can take it in between; connecting to the port then reaches the wrong
/// server (a SIGHUP test once reloaded one server and logged in to another).
/// </summary>
internal static class ListeningSocketOwner
{
    private const string ListenState = "0A";

    /// <summary>True when <paramref name="pid"/> holds a listening socket on <paramref name="port"/>; null when /proc cannot tell.</summary>
    public static bool? Owns(int pid, int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var inodes = ListeningInodes(port);
            if (inodes.Count == 0)
            {
                return false;
            }

            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && inodes.Contains(target[8..^1]))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited meanwhile, or its descriptors are not readable.
            return false;
        }
    }

    // Inodes of sockets listening on the port, IPv4 and IPv6 (lines: "sl local_address rem_address st ... inode").
    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        string portHex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1].EndsWith(portHex, StringComparison.Ordinal) && fields[3] == ListenState)
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }
}
