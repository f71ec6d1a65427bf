using Memgate.Node.Binary;
using Memgate.Protocol.Binary;
using Memgate.Server;
using Memgate.Storage;
using static Memgate.Node.Tests.Binary.BinaryPacket;
using Op = Memgate.Protocol.Binary.BinaryOpcode;

namespace Memgate.Node.Tests.Binary;

/// <summary>The binary session in process: framing across partial input, and no allocations on the GET/SET path.</summary>
public sealed class BinarySessionTests : IDisposable
{
    private readonly CacheEngine _engine;
    private readonly NodeContext _node;
    private readonly BinarySession _session;
    private readonly OutputBuffer _output = new();

    public BinarySessionTests()
    {
        var settings = new NodeSettings();
        _engine = new CacheEngine(settings.ToCacheOptions(), new ManualCacheClock());
        _node = new NodeContext(settings, _engine, new ServerStatistics());
        _session = new BinarySession(_node, new ConnectionContext { Id = 1, RemoteAddress = "test", LocalAddress = "test", IsUnixSocket = false });
    }

    [Fact]
    public void Set_value_split_across_receives_is_stored_once_complete()
    {
        var set = Store(Op.Set, "k", "value");
        var first = Process(set.AsMemory(0, set.Length - 2));
        Assert.Equal(new ProcessResult(0, ProcessOutcome.NeedMoreInput, set.Length), first);
        Assert.Equal(0, _output.Length);

        var second = Process(set);
        Assert.Equal(set.Length, second.Consumed);
        var replies = Replies();
        Assert.Single(replies);
        Assert.Equal(0, replies[0].Status);
        Assert.NotEqual(0ul, replies[0].Cas);
    }

    [Fact]
    public void Get_and_set_do_not_allocate()
    {
        var set = Store(Op.SetQ, "hot-key", "hot-value", flags: 3);
        var get = Get(Op.GetK, "hot-key");
        var batch = Concat(set, get, get, set, get);
        for (int i = 0; i < 10; i++)
        {
            Process(batch);
            _output.Clear();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Process(batch);
            _output.Clear();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Bad_magic_closes_and_drops_replies_since_the_last_flush_point()
    {
        var result = Process(Concat(Noop(1), Get(Op.GetK, "missing"), Request(Op.Noop, magic: 0x00)));
        Assert.Equal(ProcessOutcome.Close, result.Outcome);
        var replies = Replies();
        Assert.Single(replies);
        Assert.Equal((byte)BinaryOpcode.Noop, replies[0].Opcode);
    }

    public void Dispose()
    {
        _session.Dispose();
        _output.Dispose();
        _engine.Dispose();
    }

    private ProcessResult Process(ReadOnlyMemory<byte> input)
    {
        var task = _session.ProcessAsync(input, _output, CancellationToken.None);
        Assert.True(task.IsCompleted);
        return task.Result;
    }

    private List<BinaryResponse> Replies()
    {
        var replies = new List<BinaryResponse>();
        BinaryResponse.ParseAll(_output.WrittenSpan, replies);
        return replies;
    }
}
