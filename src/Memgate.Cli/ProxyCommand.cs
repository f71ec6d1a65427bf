using System.Net.Sockets;
using System.Runtime.InteropServices;
using Memgate.Proxy;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;

namespace Memgate.Cli;

/// <summary>
/// `memgate proxy`: magent's flags (<see cref="MagentCommandLine"/>), or <c>--config file.json</c> for
/// pools, replicas, hashing, timeouts and health; <c>--check-config file.json</c> validates and exits.
/// </summary>
/// <remarks>
/// With magent flags the proxy goes to the background unless -D or -v is given, as magent does;
/// with --config it stays in the foreground (what systemd and containers expect).
/// </remarks>
public static class ProxyCommand
{
    private const int ExitUsage = 64;
    private const int ExitCannotListen = 71;

    public const string ConfigUsage =
        "       memgate proxy --config file.json      (pools, replicas, hashing, timeouts, health; see docs/PROXY.md)\n" +
        "       memgate proxy --check-config file.json\n";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        SocketRuntimeTuning.ApplyForProxy();
        int check = Array.IndexOf(args, "--check-config");
        int config = Array.IndexOf(args, "--config");
        if (check >= 0)
        {
            string? path = check + 1 < args.Length ? args[check + 1] : config >= 0 && config + 1 < args.Length ? args[config + 1] : null;
            if (path is null)
            {
                await Console.Error.WriteLineAsync("memgate proxy: --check-config needs a file").ConfigureAwait(false);
                return ExitUsage;
            }

            return ProxyConfigCheck.Run(path, Console.Out);
        }

        ProxySettings settings;
        bool magentMode = config < 0;
        if (magentMode)
        {
            MagentCommandLineResult parsed = MagentCommandLine.Parse(args);
            if (parsed.HelpRequested)
            {
                await Console.Out.WriteAsync(MagentCommandLine.Usage + ConfigUsage).ConfigureAwait(false);
                return 0;
            }

            if (parsed.Errors.Count > 0)
            {
                return await FailAsync(parsed.Errors, usage: true).ConfigureAwait(false);
            }

            settings = parsed.Settings;
        }
        else
        {
            if (config + 1 >= args.Length || args.Length != 2)
            {
                return await FailAsync(["--config needs exactly one file and no other options"], usage: true).ConfigureAwait(false);
            }

            settings = ProxyConfigurationLoader.Load(args[config + 1], environment: null, out IReadOnlyList<string> loadErrors);
            if (loadErrors.Count > 0)
            {
                return await FailAsync(loadErrors, usage: false).ConfigureAwait(false);
            }

            settings.Foreground = true;
        }

        IReadOnlyList<string> errors = ProxySettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return await FailAsync(errors, usage: false).ConfigureAwait(false);
        }

        if (settings.User is not null && UnixUser.DropPrivileges(settings.User) is { } failure)
        {
            await Console.Error.WriteAsync(failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }

        if (!settings.Foreground && !Daemon.IsDaemonChild)
        {
            Daemon.StartDetachedCopy(["proxy", .. args]);
            return 0;
        }

        ProxyServer server;
        try
        {
            server = ProxyServer.Start(settings);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            // The epoll transport reports a failed bind as an IOException around the SocketException.
            string reason = (ex.InnerException as SocketException)?.Message ?? ex.Message;
            await Console.Error.WriteLineAsync($"memgate proxy: cannot listen on {settings.ListenAddress}:{settings.Port}: {reason}").ConfigureAwait(false);
            return ExitCannotListen;
        }

        await using (server.ConfigureAwait(false))
        {
            if (settings.Verbose)
            {
                Describe(server);
            }

            await WaitForStopSignalAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Blocks until SIGINT or SIGTERM.</summary>
    internal static async Task WaitForStopSignalAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task.ConfigureAwait(false);
    }

    private static void Describe(ProxyServer server)
    {
        foreach (var endpoint in server.BoundEndpoints)
        {
            Console.Error.WriteLine($"memgate proxy listening on {endpoint}");
        }

        Console.Error.WriteLine($"primary pool '{server.Cluster.Router.PrimaryPool}', replica pool '{server.Cluster.Router.ReplicaPool ?? "none"}'");
        foreach (ClusterNode node in server.Cluster.Nodes)
        {
            Console.Error.WriteLine($"backend {node.Address} ({node.Roles})");
            node.Backend.Health.StateChanged += (before, after) =>
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss.fff} backend {node.Address}: {before} -> {after}");
        }
    }

    private static async Task<int> FailAsync(IEnumerable<string> errors, bool usage)
    {
        foreach (string error in errors)
        {
            await Console.Error.WriteLineAsync("memgate proxy: " + error).ConfigureAwait(false);
        }

        if (usage)
        {
            await Console.Error.WriteAsync(MagentCommandLine.Usage + ConfigUsage).ConfigureAwait(false);
        }

        return ExitUsage;
    }
}
