using System.Globalization;
using System.Text;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Tests.Hashing;

/// <summary>A golden vector file written by Vectors/make_vectors.py: servers from the header, then key→index lines.</summary>
internal sealed class PlacementVector
{
    private const string ServersPrefix = "# servers (index: name weight): ";

    private PlacementVector(IReadOnlyList<KetamaNode> servers, IReadOnlyList<(string Key, int Server)> keys)
    {
        Servers = servers;
        Keys = keys;
    }

    public IReadOnlyList<KetamaNode> Servers { get; }

    public IReadOnlyList<(string Key, int Server)> Keys { get; }

    public static PlacementVector Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Hashing", "Vectors", fileName);
        var servers = new List<KetamaNode>();
        var keys = new List<(string, int)>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(ServersPrefix, StringComparison.Ordinal))
            {
                foreach (string entry in line[ServersPrefix.Length..].Split(", "))
                {
                    // "<index>: <name> <weight>"
                    string[] parts = entry.Split(' ');
                    servers.Add(new KetamaNode(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
            }
            else if (!line.StartsWith('#') && line.Length > 0)
            {
                int tab = line.IndexOf('\t', StringComparison.Ordinal);
                keys.Add((line[..tab], int.Parse(line[(tab + 1)..], CultureInfo.InvariantCulture)));
            }
        }

        Assert.NotEmpty(servers);
        Assert.Equal(1000, keys.Count);
        return new PlacementVector(servers, keys);
    }

    /// <summary>Keys whose placement differs from the recorded one, as "key: expected→actual".</summary>
    public IReadOnlyList<string> Mismatches(IKeyPlacement placement)
    {
        var wrong = new List<string>();
        foreach ((string key, int expected) in Keys)
        {
            int actual = placement.Locate(Encoding.UTF8.GetBytes(key));
            if (actual != expected)
            {
                wrong.Add($"{key}: {expected}->{actual}");
            }
        }

        return wrong;
    }
}
