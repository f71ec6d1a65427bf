using System.Globalization;
using Memgate.Testing;

namespace Memgate.Node.Tests.ThirdParty;

/// <summary>Debian's pymemcache and pylibmc (under /usr/bin/python3) work against the server.</summary>
public sealed class PythonClientTests
{
    [ToolTheory(Tool.Memcached, Tool.Pymemcache)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public Task Pymemcache_script_passes(ServerKind kind) => RunScriptAsync(kind, Tool.Pymemcache, "pymemcache_client.py");

    [ToolTheory(Tool.Memcached, Tool.Pylibmc)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public Task Pylibmc_script_passes(ServerKind kind) => RunScriptAsync(kind, Tool.Pylibmc, "pylibmc_client.py");

    private static async Task RunScriptAsync(ServerKind kind, Tool client, string script)
    {
        ToolAvailability.Require(client);
        await using var server = await ServerProcess.StartAsync(kind);
        var path = Path.Combine(AppContext.BaseDirectory, "python", script);
        await using var python = ExternalProcess.Start(
            ToolAvailability.SystemPython,
            [path, server.Host, server.Port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" });

        var exited = await python.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{script} did not finish:\n" + python.Describe());
        Assert.True(python.ExitCode == 0, $"{script} failed:\n" + python.Describe() + "\n--- server ---\n" + server.Process.Describe());
        Assert.Contains("OK", python.StandardOutput, StringComparison.Ordinal);
    }
}
