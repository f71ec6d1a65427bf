using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Tests.Configuration;

public sealed class ServerEndpointTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", 11211, 1, null)]
    [InlineData("10.0.0.1:11212", "10.0.0.1", 11212, 1, null)]
    [InlineData("10.0.0.1:11212:3", "10.0.0.1", 11212, 3, null)]
    [InlineData("10.0.0.1:11212:3 alpha", "10.0.0.1", 11212, 3, "alpha")]
    [InlineData("[::1]:11213", "::1", 11213, 1, null)]
    [InlineData("[::1]", "::1", 11211, 1, null)]
    [InlineData("cache-1.example.com:11211", "cache-1.example.com", 11211, 1, null)]
    public void Parses_host_port_weight_and_name(string text, string host, int port, int weight, string? name)
    {
        Assert.True(ServerEndpoint.TryParse(text, 11211, out ServerEndpoint? endpoint, out _));
        Assert.Equal(new ServerEndpoint(host, port, weight, name), endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo:bar")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("[::1:11211")]
    [InlineData("a:1:2:3")]
    [InlineData("bad_host!:11211")]
    [InlineData("host:11211:0")]
    public void Rejects_malformed_specs(string text)
    {
        Assert.False(ServerEndpoint.TryParse(text, 11211, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Ketama_name_leaves_out_the_default_port_unless_named()
    {
        Assert.Equal("10.0.0.1", new ServerEndpoint("10.0.0.1", 11211).KetamaName);
        Assert.Equal("10.0.0.1:11212", new ServerEndpoint("10.0.0.1", 11212).KetamaName);
        Assert.Equal("alpha", new ServerEndpoint("10.0.0.1", 11212, 1, "alpha").KetamaName);
    }
}
