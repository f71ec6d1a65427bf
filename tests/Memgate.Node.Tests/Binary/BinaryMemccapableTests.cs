using System.Globalization;
using Memgate.Testing;

namespace Memgate.Node.Tests.Binary;

/// <summary>libmemcached's conformance tool <c>memccapable -b</c> (binary protocol tests) passes every test.</summary>
public sealed class BinaryMemccapableTests
{
    [ToolTheory(Tool.Memcached, Tool.Memccapable)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Memccapable_binary_tests_all_pass(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, "-u", "root");
        await using var tool = ExternalProcess.Start(
            "/usr/bin/memccapable",
            ["-h", server.Host, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-b", "-t", "5"]);

        var exited = await tool.WaitForExitAsync(TimeSpan.FromSeconds(120));
        var output = tool.StandardOutput + tool.StandardError;
        var results = output.Split('\n')
            .Where(line => line.Contains("[pass]", StringComparison.Ordinal) || line.Contains("[fail]", StringComparison.OrdinalIgnoreCase) || line.Contains("[skip]", StringComparison.Ordinal))
            .ToArray();

        Assert.True(exited, "memccapable did not finish:\n" + tool.Describe());
        Assert.True(tool.ExitCode == 0, "memccapable failed:\n" + tool.Describe() + "\n--- server ---\n" + server.Process.Describe());
        Assert.Contains("All tests passed", output, StringComparison.Ordinal);
        Assert.True(results.Length >= 27, $"expected at least 27 binary test results, got {results.Length}:\n{output}");
        Assert.All(results, line => Assert.Contains("[pass]", line, StringComparison.Ordinal));
    }
}
