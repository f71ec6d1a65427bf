using System.Globalization;
using System.Text.RegularExpressions;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// MEMCACHED_PORT_FILENAME: after binding, the server writes "TCP INET: &lt;port&gt;" per listener into the file
/// (through a .lck file renamed into place). With -p -1 that is how a harness learns the ephemeral port; with -p 0
/// there is no TCP listener and the file is empty.
/// </summary>
public sealed partial class PortFileTests
{
    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task With_p_minus_1_the_port_file_names_the_ephemeral_port_the_server_listens_on(ServerKind kind)
    {
        var directory = Directory.CreateTempSubdirectory("memgate-portfile-");
        var file = Path.Combine(directory.FullName, "ports");
        try
        {
            await using var process = BareLaunch.Start(kind, ["-p", "-1", "-l", "127.0.0.1"], new Dictionary<string, string> { ["MEMCACHED_PORT_FILENAME"] = file });
            Assert.True(await BareLaunch.WaitUntilAsync(() => File.Exists(file) || process.HasExited, ServerProcess.StartTimeout), process.Describe());

            var text = await File.ReadAllTextAsync(file);
            var match = TcpLine().Match(text);
            Assert.True(match.Success, $"no TCP INET line in {text}");
            Assert.Equal(match.Value + "\n", text);
            Assert.False(File.Exists(file + ".lck"));

            await using var client = await RawClient.ConnectAsync(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.StartsWith("VERSION ", await client.RequestAsync("version\r\n"), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task With_p_0_the_port_file_is_written_without_a_TCP_port(ServerKind kind)
    {
        var directory = Directory.CreateTempSubdirectory("memgate-portfile-");
        var file = Path.Combine(directory.FullName, "ports");
        try
        {
            await using var process = BareLaunch.Start(kind, ["-p", "0", "-l", "127.0.0.1"], new Dictionary<string, string> { ["MEMCACHED_PORT_FILENAME"] = file });
            Assert.True(await BareLaunch.WaitUntilAsync(() => File.Exists(file) || process.HasExited, ServerProcess.StartTimeout), process.Describe());
            Assert.Equal("", await File.ReadAllTextAsync(file));
            Assert.False(process.HasExited, process.Describe());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^TCP INET: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex TcpLine();
}
