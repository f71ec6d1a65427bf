using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>A minimal request/reply client for any endpoint family (IPv6, unix socket), which RawClient does not cover.</summary>
public sealed class EndpointClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;

    private EndpointClient(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<EndpointClient> ConnectAsync(EndPoint endpoint)
    {
        var protocol = endpoint.AddressFamily == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Tcp;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, protocol);
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await socket.ConnectAsync(endpoint, cts.Token);
            return new EndpointClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and reads until the reply ends with <paramref name="terminator"/>.</summary>
    public async Task<string> RequestAsync(string request, string terminator = "\r\n")
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token);
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        while (!reply.ToString().EndsWith(terminator, StringComparison.Ordinal))
        {
            var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            if (n == 0)
            {
                break;
            }

            reply.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }

        return reply.ToString();
    }

    public void Dispose() => _socket.Dispose();
}
