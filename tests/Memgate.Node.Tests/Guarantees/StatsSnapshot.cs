using System.Globalization;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>One "stats [sub]" reply parsed into name → value.</summary>
public sealed class StatsSnapshot
{
    private readonly Dictionary<string, string> _values;

    private StatsSnapshot(Dictionary<string, string> values, string raw)
    {
        _values = values;
        Raw = raw;
    }

    public string Raw { get; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public static async Task<StatsSnapshot> ReadAsync(RawClient client, string sub = "")
    {
        var request = sub.Length == 0 ? "stats\r\n" : $"stats {sub}\r\n";
        var raw = await client.RequestAsync(request, "END\r\n");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in raw.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3 && parts[0] == "STAT")
            {
                values[parts[1]] = parts[2];
            }
        }

        return new StatsSnapshot(values, raw);
    }

    /// <summary>Opens a connection just for the stats.</summary>
    public static async Task<StatsSnapshot> ReadAsync(ServerProcess server, string sub = "")
    {
        await using var client = await server.ConnectAsync();
        return await ReadAsync(client, sub);
    }

    public long this[string name] => _values.TryGetValue(name, out var value)
        ? long.Parse(value, CultureInfo.InvariantCulture)
        : throw new KeyNotFoundException($"no STAT {name} in:\n{Raw}");
}
