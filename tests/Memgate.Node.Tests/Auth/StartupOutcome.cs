using System.Globalization;
using Memgate.Node.Tests.Guarantees;
using Memgate.Testing;

namespace Memgate.Node.Tests.Auth;

/// <summary>How a server start ended: serving, or an exit code with stderr.</summary>
public sealed record StartupOutcome(bool Serves, int? ExitCode, string StandardError)
{
    /// <summary>Starts <paramref name="kind"/> with <paramref name="flags"/> on a free port and watches what happens.</summary>
    public static async Task<StartupOutcome> RunAsync(ServerKind kind, string[] flags, TimeSpan timeout)
    {
        var port = FreePort.Pick();
        await using var process = BareLaunch.Start(kind, ["-p", port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1", .. flags]);
        if (await process.WaitForPortAsync(port, timeout))
        {
            return new StartupOutcome(true, null, "");
        }

        Assert.True(await process.WaitForExitAsync(timeout), "neither serving nor exited: " + process.Describe());
        // stderr is captured line by line, so whether the text ended in a newline is not seen.
        return new StartupOutcome(false, process.ExitCode, process.StandardError.TrimEnd('\n'));
    }
}
