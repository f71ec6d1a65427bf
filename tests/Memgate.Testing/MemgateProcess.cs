using System.Globalization;

namespace Memgate.Testing;

/// <summary>
/// The memgate node under test: <c>dotnet memgate.dll node -p PORT -l 127.0.0.1 -U 0</c> + extra flags,
/// using the memgate.dll that <see cref="RepositoryLayout"/> finds.
/// </summary>
public sealed class MemgateProcess : ServerProcess
{
    private MemgateProcess(ExternalProcess process, int port, IReadOnlyList<string> extraArguments)
        : base(ServerKind.Memgate, process, port, extraArguments)
    {
    }

    /// <summary>Like memcached, the node refuses to run as root without <c>-u</c>; tests run as root in CI.</summary>
    private static string[] RootUser => Environment.UserName == "root" ? ["-u", "root"] : [];

    public static async Task<MemgateProcess> StartAsync(params string[] extraArguments)
    {
        var dll = RepositoryLayout.MemgateDll();
        var (process, port) = await LaunchAsync(
            port => StartMemgate(dll, ["node", .. RootUser, "-p", port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1", "-U", "0", .. extraArguments]),
            "memgate node");
        return new MemgateProcess(process, port, extraArguments);
    }

    /// <summary>Runs <c>dotnet memgate.dll ARGS</c> (any subcommand) without waiting for a port.</summary>
    public static ExternalProcess StartMemgate(string dll, IEnumerable<string> arguments)
        => ExternalProcess.Start(
            RepositoryLayout.DotnetHost(),
            [dll, .. arguments],
            new Dictionary<string, string>
            {
                // Keep the child small on a shared 2-core machine.
                ["DOTNET_TieredPGO"] = "1",
                ["DOTNET_gcServer"] = "0",
            });
}
