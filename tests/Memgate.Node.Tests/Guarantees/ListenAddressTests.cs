using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>-l with several addresses (repeated or comma-separated) serves IPv4 and IPv6 on one port; -s/-a serves a unix socket with the asked file mode.</summary>
public sealed class ListenAddressTests
{
    public static TheoryData<ServerKind, string> KindsAndForms => new()
    {
        { ServerKind.Memgate, "repeated" },
        { ServerKind.Memgate, "comma" },
        { ServerKind.Memcached, "repeated" },
        { ServerKind.Memcached, "comma" },
    };

    public static TheoryData<ServerKind, string> KindsAndMasks => new()
    {
        { ServerKind.Memgate, "700" },
        { ServerKind.Memgate, "770" },
        { ServerKind.Memcached, "700" },
        { ServerKind.Memcached, "770" },
    };

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(KindsAndForms))]
    public async Task Several_listen_addresses_including_IPv6_loopback_all_serve_the_same_cache(ServerKind kind, string form)
    {
        Assert.True(Socket.OSSupportsIPv6, "this machine has no IPv6; ::1 is needed for the test");
        var port = FreePort.Pick();
        string[] listen = form == "comma" ? ["-l", "127.0.0.1,::1"] : ["-l", "127.0.0.1", "-l", "::1"];
        await using var process = BareLaunch.Start(kind, ["-p", port.ToString(CultureInfo.InvariantCulture), .. listen]);
        Assert.True(await process.WaitForPortAsync(port, ServerProcess.StartTimeout), process.Describe());

        using var v4 = await EndpointClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var v6 = await EndpointClient.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
        Assert.Equal("STORED\r\n", await v4.RequestAsync("set via4 0 0 2\r\nv4\r\n"));
        Assert.Equal("STORED\r\n", await v6.RequestAsync("set via6 0 0 2\r\nv6\r\n"));
        Assert.Equal("VALUE via4 0 2\r\nv4\r\nEND\r\n", await v6.RequestAsync("get via4\r\n", "END\r\n"));
        Assert.Equal("VALUE via6 0 2\r\nv6\r\nEND\r\n", await v4.RequestAsync("get via6\r\n", "END\r\n"));
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(KindsAndMasks))]
    [SupportedOSPlatform("linux")]
    public async Task A_unix_socket_gets_the_file_mode_of_a_and_serves_requests(ServerKind kind, string mask)
    {
        var directory = Directory.CreateTempSubdirectory("memgate-unix-");
        var path = Path.Combine(directory.FullName, "cache.sock");
        try
        {
            await using var process = BareLaunch.Start(kind, ["-s", path, "-a", mask]);
            Assert.True(await BareLaunch.WaitUntilAsync(() => File.Exists(path) || process.HasExited, ServerProcess.StartTimeout), process.Describe());
            Assert.False(process.HasExited, process.Describe());

            var mode = Convert.ToInt32(mask, 8) & 0x1FF;
            Assert.Equal((UnixFileMode)mode, File.GetUnixFileMode(path));
            using var client = await ConnectWhenListeningAsync(path);
            Assert.Equal("STORED\r\n", await client.RequestAsync("set viaunix 5 0 4\r\nunix\r\n"));
            Assert.Equal("VALUE viaunix 5 4\r\nunix\r\nEND\r\n", await client.RequestAsync("get viaunix\r\n", "END\r\n"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The socket file exists once bound, which may be a moment before listen().</summary>
    private static async Task<EndpointClient> ConnectWhenListeningAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await EndpointClient.ConnectAsync(new UnixDomainSocketEndPoint(path));
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(20);
            }
        }
    }
}
