using System.Globalization;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Configuration;

/// <summary>
/// One backend server: "host[:port][:weight] [name]" as twemproxy writes it, with IPv6 literals
/// in brackets ("[::1]:11211"). Hostnames are kept unresolved; they are resolved when connecting.
/// </summary>
public sealed record ServerEndpoint(string Host, int Port, int Weight = 1, string? Name = null)
{
    /// <summary>The name ketama derives ring points from: the explicit name, else libmemcached's "host:port" rule.</summary>
    public string KetamaName => Name ?? KetamaNode.NameFor(Host, Port);

    /// <summary>Parses a server spec; on failure <paramref name="error"/> says what is wrong (without the field path).</summary>
    public static bool TryParse(string? text, int defaultPort, out ServerEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        string spec = (text ?? string.Empty).Trim();
        if (spec.Length == 0)
        {
            error = "empty server address";
            return false;
        }

        string? name = null;
        int space = spec.IndexOf(' ', StringComparison.Ordinal);
        if (space >= 0)
        {
            name = spec[(space + 1)..].Trim();
            spec = spec[..space];
        }

        string host;
        string rest;
        if (spec.StartsWith('['))
        {
            int close = spec.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' has an unterminated IPv6 literal";
                return false;
            }

            host = spec[1..close];
            rest = spec[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':')
            {
                error = $"'{text}' is not host:port";
                return false;
            }
        }
        else
        {
            int colon = spec.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? spec : spec[..colon];
            rest = colon < 0 ? string.Empty : spec[colon..];
        }

        if (!IsValidHost(host))
        {
            error = $"'{text}' is not host:port";
            return false;
        }

        string[] numbers = rest.Length == 0 ? [] : rest[1..].Split(':');
        if (numbers.Length > 2)
        {
            error = $"'{text}' is not host:port[:weight]";
            return false;
        }

        int port = defaultPort;
        if (numbers.Length >= 1 && !TryParseNumber(numbers[0], 1, 65535, out port))
        {
            error = $"'{text}' is not host:port (port must be 1-65535)";
            return false;
        }

        int weight = 1;
        if (numbers.Length == 2 && !TryParseNumber(numbers[1], 1, 1_000_000, out weight))
        {
            error = $"'{text}' has an invalid weight (must be a whole number from 1)";
            return false;
        }

        endpoint = new ServerEndpoint(host, port, weight, string.IsNullOrEmpty(name) ? null : name);
        return true;
    }

    /// <summary>"host:port", with brackets around IPv6 literals.</summary>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseNumber(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool IsValidHost(string host)
    {
        if (host.Length == 0)
        {
            return false;
        }

        if (System.Net.IPAddress.TryParse(host, out _))
        {
            return true;
        }

        return Uri.CheckHostName(host) == UriHostNameType.Dns;
    }
}
