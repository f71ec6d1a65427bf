using System.Collections.Concurrent;
using System.Diagnostics;

namespace Memgate.Testing;

/// <summary>
/// Skip-or-fail policy for external tools. Locally a missing tool skips the test (via
/// <see cref="ToolFactAttribute"/>/<see cref="ToolTheoryAttribute"/>); in CI (<c>CI</c> set and not
/// "false"/"0") tools MUST be present, so a missing tool is a failure, never a skip.
/// </summary>
public static class ToolAvailability
{
    /// <summary>The system python that the Debian python3-* packages install into (not a pyenv shim).</summary>
    public const string SystemPython = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<Tool, bool> Cache = new();

    /// <summary>True when running under CI, where missing tools are failures.</summary>
    public static bool IsCi
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return !string.IsNullOrEmpty(ci) && ci != "false" && ci != "0";
        }
    }

    /// <summary>The Debian package that provides <paramref name="tool"/>.</summary>
    public static string PackageOf(Tool tool) => tool switch
    {
        Tool.Memcached => "memcached",
        Tool.Memccapable => "libmemcached-tools",
        Tool.Pymemcache => "python3-pymemcache",
        Tool.Pylibmc => "python3-pylibmc",
        Tool.Nutcracker => "nutcracker",
        Tool.Keepalived => "keepalived",
        Tool.IpRoute => "iproute2",
        Tool.Netcat => "netcat-openbsd",
        _ => throw new ArgumentOutOfRangeException(nameof(tool)),
    };

    public static bool IsAvailable(Tool tool) => Cache.GetOrAdd(tool, Probe);

    /// <summary>Throws with an install hint when <paramref name="tool"/> is missing (use inside a test).</summary>
    public static void Require(Tool tool)
    {
        if (!IsAvailable(tool))
        {
            throw new InvalidOperationException(
                $"required tool {tool} is missing: apt-get install {PackageOf(tool)} (scripts/test.sh installs it when run as root)");
        }
    }

    /// <summary>
    /// The xunit skip reason for a test needing <paramref name="tools"/>: null when all are present
    /// or when under CI (so the test runs and fails in <see cref="Require"/>).
    /// </summary>
    public static string? SkipReason(IEnumerable<Tool> tools)
    {
        if (IsCi)
        {
            return null;
        }

        var missing = tools.Where(t => !IsAvailable(t)).ToArray();
        return missing.Length == 0
            ? null
            : "missing tools (install " + string.Join(' ', missing.Select(PackageOf)) + "); CI fails instead of skipping";
    }

    private static bool Probe(Tool tool) => tool switch
    {
        Tool.Memcached => File.Exists(MemcachedProcess.ExecutablePath),
        Tool.Memccapable => File.Exists("/usr/bin/memccapable"),
        Tool.Pymemcache => PythonImports("pymemcache"),
        Tool.Pylibmc => PythonImports("pylibmc"),
        Tool.Nutcracker => File.Exists("/usr/sbin/nutcracker") || File.Exists("/usr/bin/nutcracker"),
        Tool.Keepalived => File.Exists("/usr/sbin/keepalived"),
        Tool.IpRoute => File.Exists("/usr/sbin/ip") || File.Exists("/usr/bin/ip") || File.Exists("/sbin/ip"),
        Tool.Netcat => File.Exists("/usr/bin/nc") || File.Exists("/bin/nc"),
        _ => false,
    };

    private static bool PythonImports(string module)
    {
        if (!File.Exists(SystemPython))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(SystemPython, ["-c", "import " + module])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(15000))
            {
                process.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
