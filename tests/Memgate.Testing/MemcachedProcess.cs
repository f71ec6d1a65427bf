namespace Memgate.Testing;

/// <summary>The reference server: /usr/bin/memcached started as <c>-u root -U 0 -l 127.0.0.1 -p PORT</c> + extra flags.</summary>
public sealed class MemcachedProcess : ServerProcess
{
    public const string ExecutablePath = "/usr/bin/memcached";

    private MemcachedProcess(ExternalProcess process, int port, IReadOnlyList<string> extraArguments)
        : base(ServerKind.Memcached, process, port, extraArguments)
    {
    }

    public static async Task<MemcachedProcess> StartAsync(params string[] extraArguments)
    {
        ToolAvailability.Require(Tool.Memcached);
        var (process, port) = await LaunchAsync(
            port => ExternalProcess.Start(
                ExecutablePath,
                ["-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArguments]),
            "memcached");
        return new MemcachedProcess(process, port, extraArguments);
    }
}
