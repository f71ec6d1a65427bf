using Memgate.Server;

namespace Memgate.Node.Stats;

/// <summary>"stats conns": one block per client connection, as memcached prints them.</summary>
internal static class ConnectionStats
{
    public static void Write(NodeContext node, OutputBuffer output)
    {
        uint now = node.Clock.CurrentTime;
        if (node.Listener is { } listener)
        {
            foreach (var connection in listener.Connections)
            {
                string prefix = connection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
                output.WriteStat(prefix + "addr", connection.RemoteAddress);
                output.WriteStat(prefix + "listen_addr", connection.LocalAddress);
                output.WriteStat(prefix + "state", connection.State);
                output.WriteStat(prefix + "secs_since_last_cmd", Math.Max(0, now - connection.LastCommandTime).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        output.Write("END\r\n"u8);
    }
}
