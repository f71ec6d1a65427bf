using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Tests.Configuration;

public sealed class MagentCommandLineTests
{
    [Fact]
    public void Typical_magent_command_line_becomes_main_and_backup_pools()
    {
        MagentCommandLineResult result = MagentCommandLine.Parse(
            ["-u", "memcache", "-n", "51200", "-l", "127.0.0.1", "-p", "12000", "-s", "10.0.0.1:11211", "-s", "10.0.0.2", "-b", "10.0.0.3:11212"]);

        Assert.Empty(result.Errors);
        ProxySettings s = result.Settings;
        Assert.Equal(12000, s.Port);
        Assert.Equal("127.0.0.1", s.ListenAddress);
        Assert.Equal(51200, s.MaxConnections);
        Assert.Equal("memcache", s.User);
        Assert.Equal(["10.0.0.1:11211", "10.0.0.2:11211"], s.Pools[0].Servers);
        Assert.Equal("backup", s.Pools[0].ReplicaPool);
        Assert.Equal(["10.0.0.3:11212"], s.Pools[1].Servers);
        Assert.Equal("modula", s.Pools[0].Distribution);
        Assert.Equal("magent_djb", s.Pools[0].Hash);
        Assert.Empty(ProxySettingsValidator.Validate(s));
    }

    [Fact]
    public void Defaults_follow_magent()
    {
        ProxySettings s = MagentCommandLine.Parse(["-s", "127.0.0.1"]).Settings;

        Assert.Equal(11211, s.Port);
        Assert.Equal("0.0.0.0", s.ListenAddress);
        Assert.Equal(4096, s.MaxConnections);
        Assert.Equal(20, s.MaxIdleConnectionsPerServer);
        Assert.False(s.Foreground);
    }

    [Fact]
    public void K_selects_standard_ketama_with_md5()
    {
        ProxySettings s = MagentCommandLine.Parse(["-k", "-s", "a:1,b:2"]).Settings;

        Assert.Equal("ketama", s.Pools[0].Distribution);
        Assert.Equal("md5", s.Pools[0].Hash);
        Assert.Equal(["a:1", "b:2"], s.Pools[0].Servers);
    }

    [Fact]
    public void Bundled_switches_attached_values_ipv6_and_hostnames_are_accepted()
    {
        MagentCommandLineResult result = MagentCommandLine.Parse(["-Dk", "-p11311", "-s", "[::1]:11212,cache-1.example.com", "-i5", "-f", "/tmp/m.sock", "-v"]);

        Assert.Empty(result.Errors);
        Assert.Equal(11311, result.Settings.Port);
        Assert.True(result.Settings.Foreground);
        Assert.True(result.Settings.Verbose);
        Assert.Equal(5, result.Settings.MaxIdleConnectionsPerServer);
        Assert.Equal("/tmp/m.sock", result.Settings.UnixSocket);
        Assert.Equal(["[::1]:11212", "cache-1.example.com:11211"], result.Settings.Pools[0].Servers);
    }

    [Theory]
    [InlineData(new[] { "-p", "99999", "-s", "a" }, "-p: '99999' is not a TCP port")]
    [InlineData(new[] { "-s", "foo:bar" }, "-s: 'foo:bar' is not host:port (port must be 1-65535)")]
    [InlineData(new[] { "-x" }, "-x: unknown option")]
    [InlineData(new[] { "-s" }, "-s: needs a value")]
    [InlineData(new[] { "-D" }, "-s: at least one memcached server is required (-s host:port)")]
    public void Bad_flags_are_reported_by_name(string[] args, string expected)
    {
        Assert.Contains(expected, MagentCommandLine.Parse(args).Errors);
    }

    [Fact]
    public void H_requests_help_without_demanding_servers()
    {
        MagentCommandLineResult result = MagentCommandLine.Parse(["-h"]);

        Assert.True(result.HelpRequested);
        Assert.Empty(result.Errors);
    }
}
