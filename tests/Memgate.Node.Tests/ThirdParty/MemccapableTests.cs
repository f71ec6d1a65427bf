using Memgate.Testing;

namespace Memgate.Node.Tests.ThirdParty;

/// <summary>libmemcached's conformance tool <c>memccapable -a</c> (ascii tests) passes every test.</summary>
public sealed class MemccapableTests
{
    [ToolTheory(Tool.Memcached, Tool.Memccapable)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Memccapable_ascii_tests_all_pass(ServerKind kind)
    {
        ToolAvailability.Require(Tool.Memccapable);
        await using var server = await ServerProcess.StartAsync(kind);
        await using var tool = ExternalProcess.Start(
            "/usr/bin/memccapable",
            ["-h", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-a", "-t", "5"]);

        var exited = await tool.WaitForExitAsync(TimeSpan.FromSeconds(120));
        var output = tool.StandardOutput + tool.StandardError;
        var results = output.Split('\n')
            .Where(line => line.Contains("[pass]", StringComparison.Ordinal) || line.Contains("[FAIL]", StringComparison.OrdinalIgnoreCase) || line.Contains("[skip]", StringComparison.Ordinal))
            .ToArray();

        Assert.True(exited, "memccapable did not finish:\n" + tool.Describe());
        Assert.True(tool.ExitCode == 0, "memccapable failed:\n" + tool.Describe() + "\n--- server ---\n" + server.Process.Describe());
        Assert.Contains("All tests passed", output, StringComparison.Ordinal);
        Assert.True(results.Length >= 25, $"expected at least 25 ascii test results, got {results.Length}:\n{output}");
        Assert.All(results, line => Assert.Contains("[pass]", line, StringComparison.Ordinal));
    }
}
