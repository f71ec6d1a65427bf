using System.Globalization;
using Memgate.Node.Tests.Guarantees;
using Memgate.Testing;

namespace Memgate.Node.Tests.Auth;

/// <summary>
/// Starting with -Y succeeds or fails as memcached 1.6.18 does (same stderr, same exit code), the auth counters
/// and "stats settings" match, and SIGHUP reloads the file.
/// </summary>
public sealed class AuthStartupMatchesMemcachedTests : IDisposable
{
    private const int SigHup = 1;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("memgate-authstart-");

    public static TheoryData<string, string> Files => new()
    {
        { "two users", "foo:bar\nbaaaz:quux\n" },
        { "empty", "" },
        { "no newline", "foo:bar" },
        { "crlf lines", "foo:bar\r\nbaaaz:quux\r\n" },
        { "one crlf line", "foo:bar\r\n" },
        { "no colon", "nocolon\n" },
        { "blank line", "foo:bar\n\nbaaaz:quux\n" },
    };

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(Files))]
    public async Task Authfile_is_accepted_or_rejected_as_memcached_does(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name.Replace(' ', '-'));
        File.WriteAllText(path, content);
        await AssertSameStartupAsync(["-Y", path]);
    }

    [ToolFact(Tool.Memcached)]
    public Task Missing_authfile_fails_as_memcached_does()
        => AssertSameStartupAsync(["-Y", Path.Combine(_directory.FullName, "missing")]);

    [ToolFact(Tool.Memcached)]
    public Task Directory_as_authfile_starts_as_memcached_does()
        => AssertSameStartupAsync(["-Y", _directory.FullName]);

    [ToolFact(Tool.Memcached)]
    public Task UDP_with_authfile_fails_as_memcached_does()
    {
        var path = Path.Combine(_directory.FullName, "users");
        File.WriteAllText(path, "foo:bar\n");
        return AssertSameStartupAsync(["-U", "11211", "-Y", path]);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Auth_cmds_counts_checked_tokens_and_auth_errors_the_failed_ones(ServerKind kind)
    {
        var path = Path.Combine(_directory.FullName, "users");
        File.WriteAllText(path, "foo:bar\n");
        await using var server = await ServerProcess.StartAsync(kind, "-Y", path);
        await using (var probe = await server.ConnectAsync())
        {
            Assert.Equal("CLIENT_ERROR unauthenticated\r\n", await probe.RequestAsync("get k\r\n"));
        }

        Assert.Equal("CLIENT_ERROR bad authentication token format\r\n", await LoginAsync(server, "foo"));
        Assert.Equal("CLIENT_ERROR authentication failure\r\n", await LoginAsync(server, "foo bab"));
        await using var client = await server.ConnectAsync();
        Assert.Equal("STORED\r\n", await client.RequestAsync("set x 0 0 7\r\nfoo bar\r\n"));
        var stats = await client.RequestAsync("stats\r\n", "END\r\n");
        Assert.Contains("STAT auth_cmds 2\r\nSTAT auth_errors 1\r\n", stats, StringComparison.Ordinal);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task SIGHUP_reloads_the_authfile_and_keeps_the_old_users_if_the_new_file_is_malformed(ServerKind kind)
    {
        var path = Path.Combine(_directory.FullName, "reloaded");
        File.WriteAllText(path, "foo:bar\n");
        await using var server = await ServerProcess.StartAsync(kind, "-Y", path);

        File.WriteAllText(path, "new:secret\n");
        Assert.True(PosixSignals.Send(server.Process.Id, SigHup));
        Assert.True(await ReloadedAsync(server, "new secret"), "the new user was not accepted after SIGHUP");
        Assert.Equal("CLIENT_ERROR authentication failure\r\n", await LoginAsync(server, "foo bar"));

        File.WriteAllText(path, "malformed\n");
        Assert.True(PosixSignals.Send(server.Process.Id, SigHup));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal("STORED\r\n", await LoginAsync(server, "new secret"));
        Assert.False(server.Process.HasExited);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task SIGHUP_reloads_the_authfile_also_when_started_under_nohup(ServerKind kind)
    {
        // nohup (and some supervisors) start the server with SIGHUP ignored; memcached installs its handler anyway.
        var path = Path.Combine(_directory.FullName, "nohup");
        File.WriteAllText(path, "foo:bar\n");
        int port = FreePort.Pick();
        string[] server = kind == ServerKind.Memcached
            ? [MemcachedProcess.ExecutablePath, "-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", Number(port), "-Y", path]
            : [RepositoryLayout.DotnetHost(), RepositoryLayout.MemgateDll(), "node", "-u", "root", "-U", "0", "-l", "127.0.0.1", "-p", Number(port), "-Y", path];
        await using var process = ExternalProcess.Start("/usr/bin/nohup", server);
        Assert.True(await process.WaitForPortAsync(port, Timeout), process.Describe());

        File.WriteAllText(path, "new:secret\n");
        Assert.True(PosixSignals.Send(process.Id, SigHup));
        Assert.True(await PollAsync(async () => await LoginAsync(port, "new secret") == "STORED\r\n"), "the new user was not accepted after SIGHUP");
        Assert.False(process.HasExited);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>memcached applies a SIGHUP on its next clock tick (up to a second later).</summary>
    private static Task<bool> ReloadedAsync(ServerProcess server, string token)
        => PollAsync(async () => await LoginAsync(server, token) == "STORED\r\n");

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static Task<string> LoginAsync(ServerProcess server, string token) => LoginAsync(server.Port, token);

    private static async Task<string> LoginAsync(int port, string token)
    {
        await using var client = await RawClient.ConnectAsync(port);
        return await client.RequestAsync($"set x 0 0 {Number(token.Length)}\r\n{token}\r\n");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts both servers with <paramref name="flags"/>: both must serve, or both fail with the same output.</summary>
    private static async Task AssertSameStartupAsync(string[] flags)
    {
        var reference = await StartupOutcome.RunAsync(ServerKind.Memcached, flags, Timeout);
        var candidate = await StartupOutcome.RunAsync(ServerKind.Memgate, flags, Timeout);
        Assert.Equal(reference, candidate);
    }
}
