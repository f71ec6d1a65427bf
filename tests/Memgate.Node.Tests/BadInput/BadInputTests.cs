using System.Text;
using Memgate.Testing;

namespace Memgate.Node.Tests.BadInput;

/// <summary>
/// Hostile or broken clients over real sockets: each gets memcached's reply (or is disconnected as
/// memcached does) and afterwards another connection still works and a key stored before is intact.
/// Every case also runs against memcached to prove the expectation.
/// </summary>
public sealed class BadInputTests
{
    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Garbage_lines_get_ERROR_and_the_server_stays_healthy(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        await using (var client = await server.ConnectAsync())
        {
            var random = new Random(5);
            for (var i = 0; i < 200; i++)
            {
                var line = new byte[random.Next(1, 60)];
                random.NextBytes(line);
                for (var j = 0; j < line.Length; j++)
                {
                    if (line[j] is (byte)'\n' or (byte)' ')
                    {
                        line[j] = (byte)'x';
                    }
                }

                line[0] = (byte)'#';
                await client.SendAsync(line);
                await client.SendAsync("\r\n");
                Assert.Equal("ERROR\r\n", (await client.ReadUntilAsync("\r\n")).Text);
            }
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Binary_garbage_on_a_fresh_connection_does_not_hurt_the_server(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        var random = new Random(6);
        for (var i = 0; i < 20; i++)
        {
            await using var client = await server.ConnectAsync();
            var junk = new byte[random.Next(1, 200)];
            random.NextBytes(junk);
            junk[0] = 0x80;
            await client.SendAsync(junk);
            await client.ReadQuietAsync(TimeSpan.FromMilliseconds(50));
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Huge_and_negative_numbers_get_CLIENT_ERRORs(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        await using (var client = await server.ConnectAsync())
        {
            Assert.Equal("CLIENT_ERROR bad command line format\r\n", await client.RequestAsync("set k 0 0 4294967295\r\n"));
            Assert.Equal("CLIENT_ERROR bad command line format\r\n", await client.RequestAsync("set k 0 0 -1\r\n"));
            Assert.Equal("CLIENT_ERROR bad command line format\r\n", await client.RequestAsync("set k -5 0 1\r\n"));
            Assert.Equal("ERROR\r\n", await client.RequestAsync("x\r\n"));
            Assert.Equal("CLIENT_ERROR invalid numeric delta argument\r\n", await client.RequestAsync("incr canary -1\r\n"));
            Assert.Equal("CLIENT_ERROR invalid exptime argument\r\n", await client.RequestAsync("touch canary 99999999999999999999\r\n"));
            Assert.Equal("CLIENT_ERROR bad command line format\r\n", await client.RequestAsync("cas canary 0 0 1 -1\r\n"));
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task One_megabyte_of_spaces_closes_that_connection_only(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        await using (var client = await server.ConnectAsync())
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024)));
            var result = await client.ReadUntilCloseAsync(TimeSpan.FromSeconds(10));
            Assert.True(result.Closed, "connection was not closed: " + result);
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Half_sent_commands_then_disconnect_store_nothing(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        foreach (var partial in new[] { "set half 0 0 10\r\nabc", "set half 0 0 10", "get canary", "set half 0 0 3\r\nabc\r", "ms half 5 T0\r\nab" })
        {
            await using var client = await server.ConnectAsync();
            await client.SendAsync(partial);
            await Task.Delay(20);
        }

        await using (var check = await server.ConnectAsync())
        {
            Assert.Equal("END\r\n", await check.RequestAsync("get half\r\n", "END\r\n"));
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Reset_in_the_middle_of_a_large_value_stores_nothing(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        for (var i = 0; i < 10; i++)
        {
            var client = await server.ConnectAsync();
            await client.SendAsync($"set big 0 0 900000\r\n{new string('b', 100_000 * (1 + (i % 5)))}");
            client.Abort();
        }

        await using (var check = await server.ConnectAsync())
        {
            Assert.Equal("END\r\n", await check.RequestAsync("get big\r\n", "END\r\n"));
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Client_that_stops_reading_a_large_reply_does_not_block_others(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        await using (var setup = await server.ConnectAsync())
        {
            Assert.Equal("STORED\r\n", await setup.RequestAsync($"set wide 0 0 500000\r\n{new string('w', 500_000)}\r\n"));
        }

        // Asks for ~50 MB and never reads: the server must keep serving everyone else.
        await using var greedy = await server.ConnectAsync();
        await greedy.SendAsync(string.Concat(Enumerable.Repeat("get wide\r\n", 100)));
        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Ten_thousand_pipelined_gets_are_all_answered(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        await using (var client = await server.ConnectAsync())
        {
            var request = string.Concat(Enumerable.Repeat($"get {Canary.Key}\r\n", 10_000)) + "version\r\n";
            await client.SendAsync(request);
            var reply = await client.ReadUntilAsync("VERSION ");
            Assert.True(reply.IsComplete, "pipeline reply incomplete: " + reply.End);
            var expected = $"VALUE {Canary.Key} 42 {Canary.Value.Length}\r\n{Canary.Value}\r\nEND\r\n";
            Assert.Equal(10_000 * expected.Length + "VERSION ".Length, reply.Data.Length);
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Over_2000_simultaneous_connections_are_served(ServerKind kind)
    {
        const int connections = 2100;
        await using var server = await StartWithCanaryAsync(kind, "-c", "4096");
        var clients = new List<RawClient>(connections);
        try
        {
            for (var i = 0; i < connections; i++)
            {
                clients.Add(await server.ConnectAsync());
            }

            // Every connection does a round trip while all are open, in batches to stay gentle on 2 cores.
            for (var batch = 0; batch < connections; batch += 100)
            {
                await Task.WhenAll(clients.Skip(batch).Take(100).Select(async (client, j) =>
                {
                    var key = "c" + (batch + j);
                    Assert.Equal("STORED\r\n", await client.RequestAsync($"set {key} 0 0 1\r\nx\r\n", quietTimeout: TimeSpan.FromSeconds(10)));
                }));
            }

            await Canary.AssertHealthyAsync(server);
            await using var check = await server.ConnectAsync();
            Assert.Equal($"VALUE c{connections - 1} 0 1\r\nx\r\nEND\r\n", await check.RequestAsync($"get c{connections - 1}\r\n", "END\r\n"));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        await Canary.AssertHealthyAsync(server);
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Connections_opened_and_dropped_without_a_byte_do_not_leak(ServerKind kind)
    {
        await using var server = await StartWithCanaryAsync(kind);
        for (var i = 0; i < 300; i++)
        {
            var client = await server.ConnectAsync();
            if (i % 2 == 0)
            {
                client.Abort();
            }
            else
            {
                await client.DisposeAsync();
            }
        }

        await Canary.AssertHealthyAsync(server);
        await using var stats = await server.ConnectAsync();
        var text = await stats.RequestAsync("stats\r\n", "END\r\n");
        var line = text.Split("\r\n").Single(l => l.StartsWith("STAT curr_connections ", StringComparison.Ordinal));
        Assert.True(int.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) < 20, line);
    }

    private static async Task<ServerProcess> StartWithCanaryAsync(ServerKind kind, params string[] flags)
    {
        var server = await ServerProcess.StartAsync(kind, flags);
        try
        {
            await Canary.StoreAsync(server);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
