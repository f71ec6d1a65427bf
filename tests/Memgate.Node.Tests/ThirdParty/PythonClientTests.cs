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
        await PythonClientScript.AssertPassesAsync(script, server.Host, server.Port, [], server.Process.Describe);
    }
}
