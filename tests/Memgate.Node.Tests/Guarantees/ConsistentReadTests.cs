using System.Text;
using Memgate.Testing;
using Xunit.Abstractions;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// memcached's multiversioning.t: a client half-way through receiving a large value gets the complete OLD bytes even
/// though another connection replaced and deleted the key and reused its memory meanwhile.
/// </summary>
public sealed class ConsistentReadTests(ITestOutputHelper output)
{
    private const int ValueBytes = 512 * 1024;
    private const int Rounds = 3;

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task A_slow_reader_receives_the_old_value_intact_while_another_client_replaces_and_deletes_it(ServerKind kind)
    {
        // -m 8 with 512 KB values: the writes below cannot fit beside the old value, so its memory is reused at once.
        await using var server = await ServerProcess.StartAsync(kind, "-m", "8");
        await using var writer = await server.ConnectAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var old = Pattern(round, 0);
            Assert.Equal("STORED\r\n", await writer.RequestAsync(SetCommand("big", old)));

            using var reader = await SlowReader.ConnectAsync(server.Port, receiveBufferBytes: 4096);
            await reader.SendAsync("get big\r\n");
            await reader.ReadAtLeastAsync(4096, TimeSpan.FromSeconds(10));
            await Task.Delay(100);
            var delivered = reader.Received + reader.Buffered;

            Assert.Equal("STORED\r\n", await writer.RequestAsync(SetCommand("big", Pattern(round, 1))));
            Assert.Equal("DELETED\r\n", await writer.RequestAsync("delete big\r\n"));
            for (var other = 0; other < 16; other++)
            {
                Assert.Equal("STORED\r\n", await writer.RequestAsync(SetCommand($"other{other}", Pattern(round, other + 2))));
            }

            Assert.Equal("STORED\r\n", await writer.RequestAsync(SetCommand("big", Pattern(round, 99))));

            var header = Encoding.ASCII.GetBytes($"VALUE big 0 {ValueBytes}\r\n");
            var expected = header.Concat(old).Concat("\r\nEND\r\n"u8.ToArray()).ToArray();
            await reader.ReadAtLeastAsync(expected.Length, TimeSpan.FromSeconds(20));
            output.WriteLine($"{kind} round {round}: {delivered} of {expected.Length} bytes had reached the reader when the key changed");
            Assert.True(delivered < expected.Length / 2, $"the reply was not held back ({delivered} bytes delivered), the test proves nothing");
            var got = reader.Bytes();
            Assert.Equal(expected.Length, got.Length);
            Assert.True(got.AsSpan().SequenceEqual(expected), $"round {round}: the old value arrived corrupted (first difference at byte {FirstDifference(got, expected)})");
        }

        var stats = await StatsSnapshot.ReadAsync(writer);
        Assert.True(stats["evictions"] > 0, "the writes did not reuse memory; the test would not catch a value sent from freed memory");
    }

    private static byte[] Pattern(int round, int version)
    {
        var value = new byte[ValueBytes];
        MixedValues.Fill(value, (ulong)((round * 1000) + version + 1));
        return value;
    }

    private static string SetCommand(string key, byte[] value)
        => $"set {key} 0 0 {value.Length}\r\n" + Encoding.Latin1.GetString(value) + "\r\n";

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }
}
