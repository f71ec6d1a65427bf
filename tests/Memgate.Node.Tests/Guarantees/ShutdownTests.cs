using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// "shutdown" stops the process only with -A: the connection closes without a reply and the process exits with
/// code 0 (memcached 1.6.18's exit code); without -A the answer is "ERROR: shutdown not enabled" and nothing stops.
/// </summary>
public sealed class ShutdownTests
{
    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task With_A_shutdown_closes_the_connection_and_the_process_exits_with_code_0(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, "-A");
        await using var client = await server.ConnectAsync();
        Assert.True(await client.SendAsync("shutdown\r\n"));

        var reply = await client.ReadUntilCloseAsync(TimeSpan.FromSeconds(10));
        Assert.True(reply.Closed, $"connection still open: {reply}");
        Assert.Empty(reply.Data);
        Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(10)), "process still running: " + server.Process.Describe());
        Assert.Equal(0, server.Process.ExitCode);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Without_A_shutdown_is_refused_and_the_server_keeps_serving(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind);
        await using var client = await server.ConnectAsync();
        Assert.Equal("ERROR: shutdown not enabled\r\n", await client.RequestAsync("shutdown\r\n"));
        await Task.Delay(300);
        Assert.False(server.Process.HasExited, server.Process.Describe());
        Assert.StartsWith("VERSION ", await client.RequestAsync("version\r\n"), StringComparison.Ordinal);
        await using var another = await server.ConnectAsync();
        Assert.StartsWith("VERSION ", await another.RequestAsync("version\r\n"), StringComparison.Ordinal);
    }
}
