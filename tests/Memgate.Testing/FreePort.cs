using System.Net;
using System.Net.Sockets;

namespace Memgate.Testing;

/// <summary>Picks TCP ports on 127.0.0.1 that are free right now.</summary>
/// <remarks>
/// The port is released before the caller binds it, so another process may take it in between;
/// the process helpers retry with a new port when a server fails to start.
/// </remarks>
public static class FreePort
{
    /// <summary>One free port on 127.0.0.1.</summary>
    public static int Pick() => PickMany(1)[0];

    /// <summary><paramref name="count"/> distinct free ports (all held open together while picking).</summary>
    public static IReadOnlyList<int> PickMany(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
