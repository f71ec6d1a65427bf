using System.Diagnostics;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// Starts memcached or a memgate node with exactly the given flags (no injected -p/-l, unlike
/// <see cref="ServerProcess"/>), for cases where the test owns the listening setup: unix sockets, ephemeral ports,
/// daemon mode. Both run as root only with <c>-u root</c>, which is added when needed.
/// </summary>
public static class BareLaunch
{
    public static ExternalProcess Start(ServerKind kind, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] user = Environment.UserName == "root" ? ["-u", "root"] : [];
        if (kind == ServerKind.Memcached)
        {
            ToolAvailability.Require(Tool.Memcached);
            return ExternalProcess.Start(MemcachedProcess.ExecutablePath, [.. user, "-U", "0", .. arguments], environment);
        }

        var variables = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ExternalProcess.Start(
            RepositoryLayout.DotnetHost(),
            [RepositoryLayout.MemgateDll(), "node", .. user, "-U", "0", .. arguments],
            variables);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
