namespace Memgate.Testing.Differential;

/// <summary>Reads the field names (not values) of a <c>stats</c> reply, for comparing servers whose values legitimately differ.</summary>
public static class StatsNames
{
    /// <summary>The names in <c>stats [subcommand]</c>, in the server's order.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(ServerProcess server, string subcommand = "")
    {
        await using var client = await server.ConnectAsync();
        await client.SendAsync(subcommand.Length == 0 ? "stats\r\n" : $"stats {subcommand}\r\n");
        var reply = await client.ReadAsync(
            data =>
            {
                var span = data.Span;
                if (span.StartsWith("END\r\n"u8))
                {
                    return 5;
                }

                var at = span.IndexOf("\r\nEND\r\n"u8);
                return at < 0 ? -1 : at + 7;
            });
        if (!reply.IsComplete)
        {
            throw new InvalidOperationException($"stats {subcommand} from {server} did not end with END: {reply}");
        }

        return reply.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("STAT ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1])
            .ToArray();
    }
}
