using System.Globalization;

namespace Memgate.Node.Tests.Admin;

/// <summary>One parsed lru_crawler metadump line.</summary>
public sealed record MetadumpLine(string Key, long Exp, long LastAccess, ulong Cas, bool Fetched, int Class, int Size)
{
    /// <summary>Parses <c>key=.. exp=.. la=.. cas=.. fetch=.. cls=.. size=..</c>; throws on anything else.</summary>
    public static MetadumpLine Parse(string line)
    {
        var fields = line.Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(["key", "exp", "la", "cas", "fetch", "cls", "size"], line.Split(' ').Select(f => f.Split('=')[0]));
        return new MetadumpLine(
            fields["key"],
            long.Parse(fields["exp"], CultureInfo.InvariantCulture),
            long.Parse(fields["la"], CultureInfo.InvariantCulture),
            ulong.Parse(fields["cas"], CultureInfo.InvariantCulture),
            fields["fetch"] switch { "yes" => true, "no" => false, _ => throw new FormatException(line) },
            int.Parse(fields["cls"], CultureInfo.InvariantCulture),
            int.Parse(fields["size"], CultureInfo.InvariantCulture));
    }

    /// <summary>Splits a whole dump (lines ending in \n, then END\r\n) into parsed lines.</summary>
    public static List<MetadumpLine> ParseDump(string dump)
    {
        Assert.EndsWith("END\r\n", dump, StringComparison.Ordinal);
        var body = dump[..^"END\r\n".Length];
        Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }
}
