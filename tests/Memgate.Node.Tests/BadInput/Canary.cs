using Memgate.Testing;

namespace Memgate.Node.Tests.BadInput;

/// <summary>A key stored before abuse, and the check that the server still serves other clients correctly afterwards.</summary>
public static class Canary
{
    public const string Key = "canary";
    public const string Value = "still-here-0123456789";

    public static async Task StoreAsync(ServerProcess server)
    {
        await using var client = await server.ConnectAsync();
        Assert.Equal("STORED\r\n", await client.RequestAsync($"set {Key} 42 0 {Value.Length}\r\n{Value}\r\n"));
    }

    /// <summary>On a NEW connection: the canary is intact and a fresh set/get/delete round-trips.</summary>
    public static async Task AssertHealthyAsync(ServerProcess server)
    {
        Assert.False(server.Process.HasExited, "server died:\n" + server.Process.Describe());
        await using var client = await server.ConnectAsync();
        Assert.Equal($"VALUE {Key} 42 {Value.Length}\r\n{Value}\r\nEND\r\n", await client.RequestAsync($"get {Key}\r\n", "END\r\n"));
        Assert.Equal("STORED\r\n", await client.RequestAsync("set fresh 0 0 3\r\nabc\r\n"));
        Assert.Equal("VALUE fresh 0 3\r\nabc\r\nEND\r\n", await client.RequestAsync("get fresh\r\n", "END\r\n"));
        Assert.Equal("DELETED\r\n", await client.RequestAsync("delete fresh\r\n"));
        Assert.StartsWith("VERSION ", await client.RequestAsync("version\r\n"), StringComparison.Ordinal);
    }
}
