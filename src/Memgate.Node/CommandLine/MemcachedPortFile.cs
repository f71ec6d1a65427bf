using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Node.CommandLine;

/// <summary>
/// MEMCACHED_PORT_FILENAME: after binding, memcached writes one "TCP INET: port" / "TCP INET6: port" line per bound
/// socket (UDP lines likewise) into &lt;file&gt;.lck and renames it, so a test harness never reads a half-written file.
/// </summary>
public static class MemcachedPortFile
{
    public const string EnvironmentVariable = "MEMCACHED_PORT_FILENAME";

    /// <summary>Writes the file named by the environment variable, if it is set.</summary>
    public static void WriteIfRequested(IEnumerable<EndPoint> tcpEndpoints, IEnumerable<EndPoint>? udpEndpoints = null)
    {
        string? path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(path))
        {
            Write(path, tcpEndpoints, udpEndpoints ?? []);
        }
    }

    public static void Write(string path, IEnumerable<EndPoint> tcpEndpoints, IEnumerable<EndPoint> udpEndpoints)
    {
        var text = new StringBuilder();
        Append(text, "TCP", tcpEndpoints);
        Append(text, "UDP", udpEndpoints);
        string temporary = path + ".lck";
        File.WriteAllText(temporary, text.ToString(), Encoding.ASCII);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Append(StringBuilder text, string transport, IEnumerable<EndPoint> endpoints)
    {
        foreach (var endpoint in endpoints.OfType<IPEndPoint>())
        {
            string family = endpoint.AddressFamily == AddressFamily.InterNetwork ? "" : "6";
            text.Append(CultureInfo.InvariantCulture, $"{transport} INET{family}: {endpoint.Port}\n");
        }
    }
}
