using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Server.Tests;

/// <summary>A blocking test client with a receive timeout so a broken server fails the test instead of hanging it.</summary>
internal sealed class TestClient : IDisposable
{
    private readonly Socket _socket;

    public TestClient(EndPoint endpoint)
    {
        _socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.ReceiveTimeout = 5000;
        _socket.Connect(endpoint);
    }

    public void Send(string text) => _socket.Send(Encoding.ASCII.GetBytes(text));

    public void Send(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Reads until <paramref name="length"/> bytes arrived or the server closed.</summary>
    public string Receive(int length)
    {
        var buffer = new byte[length];
        int total = 0;
        while (total < length)
        {
            int n = _socket.Receive(buffer, total, length - total, SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    /// <summary>Everything until the server closes the connection.</summary>
    public string ReceiveToEnd()
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    public void Dispose() => _socket.Dispose();
}
