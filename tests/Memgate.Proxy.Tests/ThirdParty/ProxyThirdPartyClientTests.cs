using System.Globalization;
using Memgate.Proxy.Tests.Integration;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.ThirdParty;

/// <summary>libmemcached's memccapable, pymemcache and pylibmc work through the proxy, with memgate nodes and with memcached behind it.</summary>
public sealed class ProxyThirdPartyClientTests
{
    public static TheoryData<BackendKind> Kinds => [BackendKind.MemgateNodes, BackendKind.Memcached];

    /// <remarks>
    /// Every ascii test of memccapable passes through the proxy; none needs a single server with
    /// 1.6 (its "stat" test only asks for <c>stats</c>). The binary tests (no <c>-a</c>) do not apply:
    /// the proxy speaks text and meta.
    /// </remarks>
    [ToolTheory(Tool.Memcached, Tool.Memccapable)]
    [MemberData(nameof(Kinds))]
    public async Task Memccapable_ascii_tests_pass_through_the_proxy(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var tool = ExternalProcess.Start(
            "/usr/bin/memccapable",
            ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-a", "-t", "5"]);
        bool exited = await tool.WaitForExitAsync(TimeSpan.FromSeconds(120));
        string output = tool.StandardOutput + tool.StandardError;
        Assert.True(exited, "memccapable did not finish:\n" + tool.Describe());
        Assert.True(tool.ExitCode == 0, "memccapable failed:\n" + tool.Describe());
        Assert.Contains("All tests passed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[FAIL]", output, StringComparison.OrdinalIgnoreCase);
    }

    [ToolTheory(Tool.Memcached, Tool.Pymemcache)]
    [MemberData(nameof(Kinds))]
    public Task Pymemcache_works_through_the_proxy(BackendKind kind) => RunScriptAsync(kind, "pymemcache_client.py");

    [ToolTheory(Tool.Memcached, Tool.Pylibmc)]
    [MemberData(nameof(Kinds))]
    public Task Pylibmc_works_through_the_proxy(BackendKind kind) => RunScriptAsync(kind, "pylibmc_client.py");

    private static async Task RunScriptAsync(BackendKind kind, string script)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await PythonClientScript.AssertPassesAsync(script, "127.0.0.1", cluster.Port, ["--proxy"]);
    }
}
