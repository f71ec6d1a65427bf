using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>Every command through the proxy gets the reply a single memcached would give, with memgate nodes, memcached and a mix behind it.</summary>
public sealed class ProxyCommandTests
{
    public static TheoryData<BackendKind> Kinds => [BackendKind.MemgateNodes, BackendKind.Memcached, BackendKind.Mixed];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Text_commands_answer_like_memcached(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();

        Assert.Equal("STORED\r\n", await client.LineAsync("set a 5 0 3\r\nabc\r\n"));
        Assert.Equal("VALUE a 5 3\r\nabc\r\nEND\r\n", await client.EndAsync("get a\r\n"));
        Assert.Equal("END\r\n", await client.EndAsync("get missing\r\n"));
        Assert.Equal("NOT_STORED\r\n", await client.LineAsync("add a 0 0 1\r\nx\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("add b 0 0 1\r\nx\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("replace b 0 0 1\r\ny\r\n"));
        Assert.Equal("NOT_STORED\r\n", await client.LineAsync("replace nob 0 0 1\r\ny\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("append a 0 0 2\r\nde\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("prepend a 0 0 2\r\nzz\r\n"));
        Assert.Equal("VALUE a 5 7\r\nzzabcde\r\nEND\r\n", await client.EndAsync("get a\r\n"));

        string gets = await client.EndAsync("gets a\r\n");
        string cas = gets.Split("\r\n")[0].Split(' ')[4];
        Assert.Equal("STORED\r\n", await client.LineAsync($"cas a 0 0 1 {cas}\r\nC\r\n"));
        Assert.Equal("EXISTS\r\n", await client.LineAsync($"cas a 0 0 1 {cas}\r\nD\r\n"));
        Assert.Equal("NOT_FOUND\r\n", await client.LineAsync($"cas nocas 0 0 1 {cas}\r\nD\r\n"));

        Assert.Equal("STORED\r\n", await client.LineAsync("set n 0 0 2\r\n10\r\n"));
        Assert.Equal("15\r\n", await client.LineAsync("incr n 5\r\n"));
        Assert.Equal("0\r\n", await client.LineAsync("decr n 20\r\n"));
        Assert.Equal("NOT_FOUND\r\n", await client.LineAsync("incr non 1\r\n"));
        Assert.Equal("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n", await client.LineAsync("incr a 1\r\n"));

        Assert.Equal("TOUCHED\r\n", await client.LineAsync("touch a 100\r\n"));
        Assert.Equal("NOT_FOUND\r\n", await client.LineAsync("touch non 100\r\n"));
        Assert.Equal("VALUE a 0 1\r\nC\r\nEND\r\n", await client.EndAsync("gat 100 a\r\n"));
        Assert.StartsWith("VALUE a 0 1 ", await client.EndAsync("gats 100 a\r\n"));
        Assert.Equal("DELETED\r\n", await client.LineAsync("delete a\r\n"));
        Assert.Equal("NOT_FOUND\r\n", await client.LineAsync("delete a\r\n"));

        Assert.Equal("ERROR\r\n", await client.LineAsync("bogus\r\n"));
        Assert.Equal("CLIENT_ERROR bad data chunk\r\nERROR\r\n", await client.RequestAsync("set x 0 0 1\r\nabc\r\n", "ERROR\r\n"));
        Assert.StartsWith("VERSION ", await client.LineAsync("version\r\n"));
        Assert.Equal("OK\r\n", await client.LineAsync("verbosity 1\r\n"));
        Assert.Equal("OK\r\n", await client.LineAsync("flush_all\r\n"));
        Assert.Equal("END\r\n", await client.EndAsync("get b\r\n"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Meta_commands_answer_like_memcached(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();

        Assert.Equal("HD\r\n", await client.MetaAsync("ms mk 2 F7 T0\r\nhi\r\n"));
        Assert.Equal("VA 2 f7 kmk\r\nhi\r\n", await client.MetaAsync("mg mk v f k\r\n"));
        Assert.Equal("EN\r\n", await client.MetaAsync("mg nomk v\r\n"));
        Assert.Equal("NS\r\n", await client.MetaAsync("ms mk 1 ME\r\nx\r\n"));
        Assert.Equal("HD\r\n", await client.MetaAsync("ms mk 1 MA\r\n!\r\n"));
        Assert.Equal("VA 3\r\nhi!\r\n", await client.MetaAsync("mg mk v\r\n"));
        Assert.Equal("HD\r\n", await client.MetaAsync("ms cnt 1\r\n5\r\n"));
        Assert.Equal("VA 1\r\n8\r\n", await client.MetaAsync("ma cnt D3 v\r\n"));
        Assert.Equal("NF\r\n", await client.MetaAsync("ma nocnt\r\n"));
        Assert.Equal("HD\r\n", await client.MetaAsync("md mk\r\n"));
        Assert.Equal("NF\r\n", await client.MetaAsync("md mk\r\n"));
        Assert.Equal("MN\r\n", await client.MetaAsync("mn\r\n"));

        // Quiet mode: only the interesting replies come back; mn marks the end.
        await client.SendAsync("mg nomk v q\r\nms qk 1 q\r\nz\r\nmg qk v q\r\nmd qk q\r\nmd qk q\r\nmn\r\n");
        ReadResult quiet = await client.ReadUntilAsync("MN\r\n");
        Assert.Equal("VA 1\r\nz\r\nNF\r\nMN\r\n", quiet.Text);

        // Base64 keys with the b flag.
        Assert.Equal("HD\r\n", await client.MetaAsync("ms YmluYXJ5 1 b\r\nq\r\n"));
        Assert.Equal("VA 1\r\nq\r\n", await client.MetaAsync("mg YmluYXJ5 b v\r\n"));
        Assert.Equal("VALUE binary 0 1\r\nq\r\nEND\r\n", await client.EndAsync("get binary\r\n"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Multiget_across_nodes_keeps_request_order(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();
        var keys = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            keys.Add(cluster.KeyOn(i % 2, "mk" + i + "_"));
        }

        foreach (string key in keys)
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} {key.Length} 0 {key.Length}\r\n{key}\r\n"));
        }

        var asked = new List<string> { keys[0], "missing1", keys[1], keys[2], keys[1], keys[3], "missing2", keys[4], keys[5] };
        string expected = string.Concat(asked.Where(k => !k.StartsWith("missing", StringComparison.Ordinal)).Select(k => $"VALUE {k} {k.Length} {k.Length}\r\n{k}\r\n")) + "END\r\n";
        Assert.Equal(expected, await client.EndAsync("get " + string.Join(' ', asked) + "\r\n"));

        string gets = await client.EndAsync("gets " + string.Join(' ', keys) + "\r\n");
        Assert.Equal(keys.Count, gets.Split("VALUE ").Length - 1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Five_hundred_pipelined_requests_get_in_order_replies(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();
        var request = new System.Text.StringBuilder();
        var expected = new System.Text.StringBuilder();
        for (int i = 0; i < 500; i++)
        {
            string key = "p" + (i / 5);
            switch (i % 5)
            {
                case 0:
                    request.Append($"set {key} 0 0 {i.ToString().Length}\r\n{i}\r\n");
                    expected.Append("STORED\r\n");
                    break;
                case 1:
                    request.Append($"get {key}\r\n");
                    expected.Append($"VALUE {key} 0 {(i - 1).ToString().Length}\r\n{i - 1}\r\nEND\r\n");
                    break;
                case 2:
                    request.Append($"append {key} 0 0 1\r\nx\r\n");
                    expected.Append("STORED\r\n");
                    break;
                case 3:
                    request.Append($"mg {key} v\r\n");
                    expected.Append($"VA {(i - 3).ToString().Length + 1}\r\n{i - 3}x\r\n");
                    break;
                default:
                    request.Append($"delete {key} noreply\r\nget {key} nokey{i}\r\n");
                    expected.Append("END\r\n");
                    break;
            }
        }

        request.Append("mn\r\n");
        expected.Append("MN\r\n");
        await client.SendAsync(request.ToString());
        ReadResult reply = await client.ReadUntilAsync("MN\r\n", TimeSpan.FromSeconds(10));
        Assert.True(reply.IsComplete, reply.ToString());
        Assert.Equal(expected.ToString(), reply.Text);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Noreply_is_honoured_and_still_replicated(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();
        await client.SendAsync("set q 0 0 1 noreply\r\na\r\nappend q 0 0 1 noreply\r\nb\r\nincr nothere 1 noreply\r\nflush_all noreply\r\nset q2 0 0 1 noreply\r\nz\r\ntouch q2 10 noreply\r\nverbosity 1 noreply\r\nget q2\r\n");
        Assert.Equal("VALUE q2 0 1\r\nz\r\nEND\r\n", (await client.ReadUntilAsync("END\r\n")).Text);
        (TestBackend primary, TestBackend replica) = cluster.Locate("q2");
        await using var onReplica = await replica.ConnectAsync();
        await Eventually(async () => await onReplica.EndAsync("get q2\r\n") == "VALUE q2 0 1\r\nz\r\nEND\r\n");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Writes_land_on_primary_and_replica(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind);
        await using var client = await cluster.ConnectAsync();
        Assert.Equal("STORED\r\n", await client.LineAsync("set both 3 0 5\r\nhello\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("add added 4 0 1\r\nA\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("set counter 0 0 1\r\n1\r\n"));
        Assert.Equal("42\r\n", await client.LineAsync("incr counter 41\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync("append both 0 0 1\r\n!\r\n"));
        string gets = await client.EndAsync("gets added\r\n");
        string cas = gets.Split("\r\n")[0].Split(' ')[4];
        Assert.Equal("STORED\r\n", await client.LineAsync($"cas added 9 0 2 {cas}\r\nCA\r\n"));
        Assert.Equal("HD\r\n", await client.MetaAsync("ma counter D8\r\n"));

        foreach ((string key, string value) in new[] { ("both", "VALUE both 3 6\r\nhello!\r\nEND\r\n"), ("added", "VALUE added 9 2\r\nCA\r\nEND\r\n"), ("counter", "VALUE counter 0 2\r\n50\r\nEND\r\n") })
        {
            (TestBackend primary, TestBackend replica) = cluster.Locate(key);
            await using var onPrimary = await primary.ConnectAsync();
            await using var onReplica = await replica.ConnectAsync();
            Assert.Equal(value, await onPrimary.EndAsync($"get {key}\r\n"));
            await Eventually(async () => await onReplica.EndAsync($"get {key}\r\n") == value);
        }

        Assert.Equal("DELETED\r\n", await client.LineAsync("delete both\r\n"));
        (TestBackend _, TestBackend bothReplica) = cluster.Locate("both");
        await using var check = await bothReplica.ConnectAsync();
        await Eventually(async () => await check.EndAsync("get both\r\n") == "END\r\n");
    }

    [Fact]
    public async Task Route_admin_command_names_primary_and_replica()
    {
        // Fresh nodes are empty, which would start them warming (see WarmUpTests).
        await using var cluster = await ProxyUnderTest.StartAsync(BackendKind.MemgateNodes, s => s.Health.WarmupWhenFirstSeenEmpty = false);
        await using var client = await cluster.ConnectAsync();
        (TestBackend primary, TestBackend replica) = cluster.Locate("somekey");
        string reply = await client.EndAsync("__memgate__ route somekey\r\n");
        Assert.Contains($"STAT primary {primary.Address}\r\n", reply, StringComparison.Ordinal);
        Assert.Contains($"STAT replica {replica.Address}\r\n", reply, StringComparison.Ordinal);
        Assert.Contains("STAT primary_state up\r\n", reply, StringComparison.Ordinal);

        string backends = await client.EndAsync("stats backends\r\n");
        Assert.Contains($"STAT {primary.Address} state=up", backends, StringComparison.Ordinal);
        string stats = await client.EndAsync("stats\r\n");
        Assert.Contains("STAT backends 2\r\n", stats, StringComparison.Ordinal);
        Assert.Contains("STAT backend_0_state up\r\n", stats, StringComparison.Ordinal);
        Assert.Equal("ERROR\r\n", await client.LineAsync("__memgate_ route k\r\n"));
    }

    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.True(await condition(), "condition not met within 1 s");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Pipelined_single_key_gets_are_merged_per_backend_and_each_answered_alone(BackendKind kind)
    {
        await using ProxyUnderTest cluster = await ProxyUnderTest.StartAsync(kind);
        await using RawClient client = await RawClient.ConnectAsync(cluster.Port);
        var expected = new System.Text.StringBuilder();
        var pipeline = new System.Text.StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set key{i} {i} 0 {i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}\r\n{i}\r\n"));
        }

        for (int i = 0; i < 60; i++)
        {
            // Hits and misses interleaved, so each backend's merged get mixes both.
            pipeline.Append($"get key{i}\r\n");
            expected.Append(i < 40 ? $"VALUE key{i} {i} {i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}\r\n{i}\r\nEND\r\n" : "END\r\n");
        }

        Assert.True(await client.SendAsync(pipeline.ToString()));
        ReadResult replies = await client.ReadAsync(data => data.Length >= expected.Length ? expected.Length : -1);
        Assert.Equal(expected.ToString(), replies.Text);

        string stats = await client.EndAsync("stats\r\n");
        long merged = stats.Split("\r\n").Where(l => l.Contains("_merged_gets ", StringComparison.Ordinal))
            .Sum(l => long.Parse(l.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(merged >= 50, $"merged_gets {merged}: the 60 pipelined gets should leave as about one get per backend");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Twenty_thousand_pipelined_gets_sent_at_once_are_all_answered_in_order(BackendKind kind)
    {
        // Far more than one receive buffer and one session batch: input keeps arriving while the session awaits its
        // backends, the buffer fills, the connection pauses reading and resumes; nothing may be lost or reordered.
        await using ProxyUnderTest cluster = await ProxyUnderTest.StartAsync(kind);
        await using RawClient client = await RawClient.ConnectAsync(cluster.Port);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set deep{i} {i} 0 2\r\nv{i % 10}\r\n"));
        }

        var pipeline = new System.Text.StringBuilder();
        var expected = new System.Text.StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            int key = i % 150;
            pipeline.Append($"get deep{key}\r\n");
            expected.Append(key < 100 ? $"VALUE deep{key} {key} 2\r\nv{key % 10}\r\nEND\r\n" : "END\r\n");
        }

        Task<bool> send = client.SendAsync(pipeline.ToString());
        ReadResult replies = await client.ReadAsync(data => data.Length >= expected.Length ? expected.Length : -1, TimeSpan.FromSeconds(10));
        Assert.True(await send);
        Assert.Equal(expected.Length, replies.Text.Length);
        Assert.Equal(expected.ToString(), replies.Text);
        Assert.Equal("VERSION ", (await client.LineAsync("version\r\n"))[..8]);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("sockets")]
    public async Task A_client_that_half_closes_after_its_requests_gets_every_reply(string transport)
    {
        // `printf 'set …' | nc host port`: the request, then end of input while the replies are still due.
        await using ProxyUnderTest cluster = await ProxyUnderTest.StartAsync(BackendKind.Memcached, s => s.Transport = transport);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, cluster.Port);
        await socket.SendAsync("set half 3 0 2\r\nhi\r\nget half\r\nincr nothere 1\r\nversion\r\n"u8.ToArray());
        socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        var received = new System.IO.MemoryStream();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, deadline.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        string replies = System.Text.Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("STORED\r\nVALUE half 3 2\r\nhi\r\nEND\r\nNOT_FOUND\r\nVERSION ", replies, StringComparison.Ordinal);
    }
}
