using System.Net;
using Memgate.Node;
using Memgate.Node.CommandLine;

namespace Memgate.Server.Tests;

public sealed class ListenEndpointsTests
{
    [Fact]
    public void Unresolvable_listen_address_fails_with_memcacheds_message()
    {
        var settings = MemcachedCommandLine.Parse(["-l", "fooble.invalid"]).Settings!;
        var error = Assert.Throws<ListenAddressException>(() => ListenEndpoints.ToServerOptions(settings));
        Assert.Equal("getaddrinfo(): Name or service not known\nfailed to listen on one of interface(s) fooble.invalid: Success\n", error.Message);
        Assert.Equal(71, error.ExitCode);
    }

    [Fact]
    public void Port_minus_one_is_ephemeral_zero_disables_tcp_and_unix_socket_disables_network()
    {
        var ephemeral = ListenEndpoints.ToServerOptions(MemcachedCommandLine.Parse(["-p", "-1", "-l", "127.0.0.1,[::1]:9999"]).Settings!);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.IPv6Loopback, 9999)], ephemeral.TcpEndpoints);
        Assert.Empty(ListenEndpoints.ToServerOptions(MemcachedCommandLine.Parse(["-p", "0"]).Settings!).TcpEndpoints);
        Assert.Empty(ListenEndpoints.ToServerOptions(MemcachedCommandLine.Parse(["-s", "/tmp/x.sock"]).Settings!).TcpEndpoints);
        Assert.Equal(2, ListenEndpoints.ToServerOptions(MemcachedCommandLine.Parse([]).Settings!).TcpEndpoints.Count);
    }

    [Theory]
    [InlineData(40, 1, 27)]
    [InlineData(40, 4, 15)]
    [InlineData(100, 2, 83)]
    public void Client_limit_matches_what_memcached_accepts(int maxConnections, int threads, int acceptedByMemcached)
    {
        var settings = MemcachedCommandLine.Parse(["-c", $"{maxConnections}", "-t", $"{threads}", "-l", "127.0.0.1"]).Settings!;
        var options = ListenEndpoints.ToServerOptions(settings);
        Assert.Equal(acceptedByMemcached, options.MaxConnections - options.ReservedConnections - options.TcpEndpoints.Count);
        Assert.Equal(threads, options.EventLoopThreads);
    }

    [Fact]
    public void Port_file_lists_each_bound_socket_like_memcached()
    {
        string path = Path.Combine(Path.GetTempPath(), $"memgate-port-{Guid.NewGuid():N}");
        MemcachedPortFile.Write(path, [new IPEndPoint(IPAddress.Loopback, 41685), new IPEndPoint(IPAddress.IPv6Loopback, 32881)], [new IPEndPoint(IPAddress.Any, 39619)]);
        Assert.Equal("TCP INET: 41685\nTCP INET6: 32881\nUDP INET: 39619\n", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".lck"));
        File.Delete(path);
    }
}
