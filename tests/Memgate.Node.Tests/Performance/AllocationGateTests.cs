using System.Text;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Tests.Performance;

/// <summary>
/// The allocation gate of the text protocol: after warm-up, the hot commands run through the real
/// <see cref="TextSession"/> thousands of times without allocating one managed byte. Counts bytes, not time.
/// </summary>
public sealed class AllocationGateTests : IDisposable
{
    private const int WarmUpRounds = 200;
    private const int MeasuredRounds = 4000;

    private static readonly string Value32 = new('v', 32);

    private readonly CacheEngine _engine;
    private readonly TextSession _session;
    private readonly OutputBuffer _output = new();

    public AllocationGateTests()
    {
        var settings = new NodeSettings();
        _engine = new CacheEngine(settings.ToCacheOptions(), new ManualCacheClock());
        var node = new NodeContext(settings, _engine, new ServerStatistics());
        var connection = new ConnectionContext { Id = 1, RemoteAddress = "test", LocalAddress = "test", IsUnixSocket = false };
        _session = new TextSession(node, connection, new MemcachedSizing(settings));
        Process(Ascii($"set memgate:00000001 0 0 32\r\n{Value32}\r\n"));
        Assert.Equal("STORED\r\n", Encoding.ASCII.GetString(_output.WrittenSpan));
        _output.Clear();
    }

    [Theory]
    [InlineData("get memgate:00000001\r\n", "VALUE memgate:00000001 0 32\r\n")]
    [InlineData("get memgate:00000404\r\n", "END\r\n")]
    [InlineData("gets memgate:00000001\r\n", "VALUE memgate:00000001 0 32 ")]
    [InlineData("set memgate:00000001 0 0 32\r\nvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n", "STORED\r\n")]
    [InlineData("set memgate:00000002 5 0 32 noreply\r\nvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n", "")]
    [InlineData("mg memgate:00000001 v f t c k\r\n", "VA 32 f0 t-1 c")]
    [InlineData("mg memgate:00000404 v\r\n", "EN\r\n")]
    [InlineData("ms memgate:00000001 32 T0 F5\r\nvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n", "HD\r\n")]
    [InlineData("ms memgate:00000003 32 q\r\nvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n", "")]
    public void Hot_command_allocates_nothing(string command, string replyStart)
    {
        var input = Ascii(command);
        AssertNoAllocation(input);

        // The gate only means something if the command did its real work: check one more reply.
        Process(input);
        Assert.StartsWith(replyStart, Encoding.ASCII.GetString(_output.WrittenSpan), StringComparison.Ordinal);
        _output.Clear();
    }

    [Fact]
    public void Pipelined_batch_of_16_gets_allocates_nothing()
    {
        var batch = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            batch.Append(i % 2 == 0 ? "get memgate:00000001\r\n" : "get memgate:00000404\r\n");
        }

        var input = Ascii(batch.ToString());
        AssertNoAllocation(input);

        Process(input);
        var replies = Encoding.ASCII.GetString(_output.WrittenSpan);
        Assert.Equal(8, replies.Split("VALUE ").Length - 1);
        Assert.Equal(16, replies.Split("END\r\n").Length - 1);
    }

    [Fact]
    public void Multi_key_get_allocates_nothing()
    {
        var input = Ascii("get memgate:00000001 memgate:00000404 memgate:00000001\r\n");
        AssertNoAllocation(input);

        Process(input);
        Assert.Equal(2, Encoding.ASCII.GetString(_output.WrittenSpan).Split("VALUE ").Length - 1);
    }

    public void Dispose()
    {
        _session.Dispose();
        _output.Dispose();
        _engine.Dispose();
    }

    private void AssertNoAllocation(byte[] input)
    {
        Assert.Equal(0, RunRounds(input, WarmUpRounds));
        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = RunRounds(input, MeasuredRounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    /// <summary>Returns how many rounds did not consume the whole input. No asserts here: xunit's asserts allocate.</summary>
    private int RunRounds(byte[] input, int rounds)
    {
        int wrongConsumed = 0;
        for (int i = 0; i < rounds; i++)
        {
            var pending = _session.ProcessAsync(input, _output, CancellationToken.None);
            if (!pending.IsCompleted || pending.Result.Consumed != input.Length)
            {
                wrongConsumed++;
            }

            _output.Clear();
        }

        return wrongConsumed;
    }

    private ProcessResult Process(byte[] input)
    {
        var pending = _session.ProcessAsync(input, _output, CancellationToken.None);
        Assert.True(pending.IsCompleted);
        return pending.Result;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
