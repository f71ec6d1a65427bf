using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Memgate.Node;
using static Memgate.Benchmarks.BenchmarkInputs;

namespace Memgate.Benchmarks;

/// <summary>
/// One get round trip over loopback through the real connection loop (receive, TextSession, one send). The client
/// uses blocking socket calls, which allocate nothing, so MemoryDiagnoser's count (all threads) is the server's:
/// it must stay 0 B. The time is mostly the kernel's two sends and two receives. Runs for both node transports
/// (.NET sockets and memgate's epoll loops).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InlineCompletionsConfig))]
public class LoopbackBenchmarks
{
    private readonly byte[] _reply = new byte[4096];
    private NodeServer? _server;
    private Socket? _client;
    private byte[] _get = [];
    private byte[] _pipelined16 = [];
    private int _getReplyLength;

    [Params(NodeTransport.Sockets, NodeTransport.Epoll)]
    public NodeTransport Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = NodeServer.Start(new NodeSettings { TcpPort = FreePort(), ListenAddresses = ["127.0.0.1"], Transport = Transport });
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect((IPEndPoint)_server.BoundEndpoints[0]);
        _get = GetLine(HotKey);
        _pipelined16 = PipelinedGets(HotKey, 16);
        _getReplyLength = $"VALUE {HotKey} 0 32\r\n{Value32}\r\nEND\r\n".Length;
        RoundTrip(SetRequest(HotKey), "STORED\r\n".Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int Get_round_trip() => RoundTrip(_get, _getReplyLength);

    [Benchmark]
    public int Get_pipelined_16_round_trip() => RoundTrip(_pipelined16, 16 * _getReplyLength);

    private int RoundTrip(byte[] request, int replyLength)
    {
        var client = _client!;
        client.Send(request);
        int received = 0;
        while (received < replyLength)
        {
            received += client.Receive(_reply, received, _reply.Length - received, SocketFlags.None);
        }

        return received;
    }

    private static int FreePort()
    {
        // Port 0 means "no TCP" to memcached's -p, so ask the kernel for a free port first.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
