using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// A client that reads only when told to, with a tiny kernel receive buffer, so a large reply stays mostly on the
/// server side while the test does other things.
/// </summary>
public sealed class SlowReader : IDisposable
{
    private readonly Socket _socket;
    private readonly MemoryStream _received = new();

    private SlowReader(Socket socket)
    {
        _socket = socket;
    }

    public long Received => _received.Length;

    /// <summary>Bytes the kernel holds for us that we have not read yet.</summary>
    public int Buffered => _socket.Available;

    public static async Task<SlowReader> ConnectAsync(int port, int receiveBufferBytes)
    {
        // The buffer size must be set before connecting, or the window is already negotiated.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBufferBytes };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new SlowReader(socket);
    }

    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);

    /// <summary>Reads in small pieces until at least <paramref name="atLeast"/> bytes arrived in total.</summary>
    public async Task ReadAtLeastAsync(long atLeast, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var piece = new byte[1024];
        while (_received.Length < atLeast)
        {
            var n = await _socket.ReceiveAsync(piece, SocketFlags.None, cts.Token);
            if (n == 0)
            {
                throw new IOException($"server closed after {_received.Length} bytes");
            }

            _received.Write(piece, 0, n);
        }
    }

    /// <summary>Everything received so far.</summary>
    public byte[] Bytes() => _received.ToArray();

    public void Dispose()
    {
        _socket.Dispose();
        _received.Dispose();
    }
}
