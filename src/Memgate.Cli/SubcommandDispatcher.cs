namespace Memgate.Cli;

/// <summary>`memgate &lt;subcommand&gt; [options]`: picks the subcommand; each lives in its own type.</summary>
public static class SubcommandDispatcher
{
    public const string Usage = """
        usage: memgate <command> [options]

        commands:
          node       run a memcached-compatible cache node (takes memcached's flags; memgate node -h)
          proxy      run the replicating, sharding proxy (takes magent's flags, or --config file.json; memgate proxy -h)
          cluster    start two nodes and a replicating proxy on 127.0.0.1 in one process (try this first)

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
            case "proxy":
                return await ProxyCommand.RunAsync(rest).ConfigureAwait(false);
            case "cluster":
                return await ClusterCommand.RunAsync(rest).ConfigureAwait(false);
            case "-h" or "--help" or "help":
                await Console.Out.WriteAsync(Usage).ConfigureAwait(false);
                return 0;
            default:
                await Console.Error.WriteAsync($"memgate: unknown command '{args[0]}'\n" + Usage).ConfigureAwait(false);
                return 2;
        }
    }
}
