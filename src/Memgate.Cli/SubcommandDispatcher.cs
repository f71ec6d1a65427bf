namespace Memgate.Cli;

/// <summary>`memgate &lt;subcommand&gt; [options]`: picks the subcommand; each lives in its own type.</summary>
public static class SubcommandDispatcher
{
    public const string Usage = """
        usage: memgate <command> [options]

        commands:
          node       run a memcached-compatible cache node (takes memcached's flags; memgate node -h)
          proxy      run the clustering proxy (not implemented yet)
          cluster    manage an HA proxy pair (not implemented yet)

        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            await Console.Error.WriteAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        string[] rest = args[1..];
        switch (args[0])
        {
            case "node":
                return await NodeCommand.RunAsync(rest).ConfigureAwait(false);
            case "proxy" or "cluster":
                await Console.Error.WriteLineAsync($"memgate {args[0]}: not implemented yet").ConfigureAwait(false);
                return 2;
            case "-h" or "--help" or "help":
                await Console.Out.WriteAsync(Usage).ConfigureAwait(false);
                return 0;
            default:
                await Console.Error.WriteAsync($"memgate: unknown command '{args[0]}'\n" + Usage).ConfigureAwait(false);
                return 2;
        }
    }
}
