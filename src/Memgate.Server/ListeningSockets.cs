using System.Net;
using System.Net.Sockets;

namespace Memgate.Server;

/// <summary>Creates bound, listening sockets the way memcached does (IPv6 sockets v6-only, unix socket permissions from -a).</summary>
internal static class ListeningSockets
{
    public static Socket BindTcp(IPEndPoint endpoint, int backlog)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // memcached sets IPV6_V6ONLY so 0.0.0.0 and :: can both be bound on the same port.
                socket.DualMode = false;
            }

            // .NET already sets SO_REUSEADDR on Unix listening sockets, as memcached does.
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"failed to listen on TCP {endpoint}: {ex.Message}", ex);
        }
    }

    public static Socket BindUnix(string path, int mask, int backlog)
    {
        RemoveStaleSocketFile(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));

            // memcached binds under umask(~mask & 0777), which leaves the socket with mode (mask & 0777).
            // chmod after bind gives the same mode without touching the process-wide umask other threads use.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)(mask & 0x1FF));
            }

            socket.Listen(backlog);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            throw new IOException($"failed to listen on unix socket {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// memcached unlinks a leftover socket file before binding. .NET cannot ask lstat for S_ISSOCK, so an empty
    /// non-directory file (sockets have size 0) is treated as a stale socket.
    /// </summary>
    private static void RemoveStaleSocketFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length == 0)
        {
            info.Delete();
        }
    }

    /// <summary>On shutdown: removes the unix socket file this listener bound, if it bound one.</summary>
    public static void RemoveUnixSocketFile(ServerOptions options, IEnumerable<EndPoint> bound)
    {
        if (options.UnixSocketPath is not { } path || !bound.OfType<UnixDomainSocketEndPoint>().Any())
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leaving the file is harmless: the next start removes it.
        }
    }
}
