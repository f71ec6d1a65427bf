using System.Globalization;
using Xunit;

namespace Memgate.Testing;

/// <summary>Runs one of the shared client scripts (python/*.py) under Debian's /usr/bin/python3 against a server.</summary>
public static class PythonClientScript
{
    /// <summary>Runs <paramref name="script"/> HOST PORT [extra arguments] and asserts it finished, exited 0 and printed OK.</summary>
    public static async Task AssertPassesAsync(string script, string host, int port, IReadOnlyList<string> extraArguments, Func<string>? describeServer = null)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "python", script);
        await using var python = ExternalProcess.Start(
            ToolAvailability.SystemPython,
            [path, host, port.ToString(CultureInfo.InvariantCulture), .. extraArguments],
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" });
        bool exited = await python.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exited, $"{script} did not finish:\n" + python.Describe());
        Assert.True(python.ExitCode == 0, $"{script} failed:\n" + python.Describe() + (describeServer is null ? "" : "\n--- server ---\n" + describeServer()));
        Assert.Contains("OK", python.StandardOutput, StringComparison.Ordinal);
    }
}
