using System.Globalization;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Configuration;

/// <summary>
/// magent 0.5/0.6's command line (<c>getopt "p:u:g:s:Dhvn:l:kb:f:i:"</c>), so an existing
/// <c>magent -p 12000 -s 10.0.0.1:11211 -s 10.0.0.2:11211 -b 10.0.0.3:11211</c> keeps working.
/// Beyond magent: hostnames, IPv6 literals ("[::1]:11211"), comma-separated lists per flag.
/// </summary>
/// <remarks>
/// Placement: without <c>-k</c> magent uses DJB-hash modulo N, reproduced exactly so a migration
/// keeps every key where it is. magent's <c>-k</c> ring truncates its hash to 8 bits and puts
/// almost every key on one server, so it is not reproduced: <c>-k</c> selects standard
/// (libmemcached/twemproxy) ketama instead.
/// </remarks>
public static class MagentCommandLine
{
    /// <summary>Name of the pool made from <c>-s</c> servers.</summary>
    public const string PrimaryPoolName = "main";

    /// <summary>Name of the pool made from <c>-b</c> servers.</summary>
    public const string BackupPoolName = "backup";

    /// <summary>The help text for <c>-h</c>.</summary>
    public const string Usage =
        "Usage: memgate proxy [options]   (magent-compatible flags)\n" +
        "  -h            this message\n" +
        "  -u user       run as user (name or uid)\n" +
        "  -g group      run as group (name or gid)\n" +
        "  -p port       TCP port, default 11211 (0 disables TCP)\n" +
        "  -s host:port  primary memcached server(s), repeatable or comma-separated; port defaults to 11211\n" +
        "  -b host:port  backup memcached server(s), repeatable or comma-separated\n" +
        "  -l address    listen address, default 0.0.0.0\n" +
        "  -n number     max client connections, default 4096\n" +
        "  -D            don't go to background (without -D or -v the proxy daemonizes, as magent does)\n" +
        "  -k            ketama placement (libmemcached/twemproxy compatible) instead of magent's hash modulo\n" +
        "  -f file       also listen on this unix socket\n" +
        "  -i number     max connections kept per backend, default 20\n" +
        "  -v            verbose\n";

    private const string FlagsWithValue = "pugsnlbfi";
    private const string FlagsWithoutValue = "Dhvk";

    /// <summary>Parses magent flags. Never throws on user input; problems come back as errors.</summary>
    public static MagentCommandLineResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new ProxySettings();
        var errors = new List<string>();
        var primaries = new List<string>();
        var backups = new List<string>();
        bool ketama = false;
        bool help = false;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.Length < 2 || arg[0] != '-' || arg == "--")
            {
                errors.Add($"unexpected argument '{arg}'");
                continue;
            }

            // getopt allows bundled switches ("-Dk") and attached values ("-p11211").
            for (int c = 1; c < arg.Length; c++)
            {
                char flag = arg[c];
                if (FlagsWithoutValue.Contains(flag, StringComparison.Ordinal))
                {
                    switch (flag)
                    {
                        case 'D': settings.Foreground = true; break;
                        case 'v': settings.Verbose = true; settings.Foreground = true; break;
                        case 'k': ketama = true; break;
                        default: help = true; break;
                    }

                    continue;
                }

                if (!FlagsWithValue.Contains(flag, StringComparison.Ordinal))
                {
                    errors.Add($"-{flag}: unknown option");
                    break;
                }

                string? value = c + 1 < arg.Length ? arg[(c + 1)..] : (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                {
                    errors.Add($"-{flag}: needs a value");
                }
                else
                {
                    Apply(flag, value, settings, primaries, backups, errors);
                }

                break;
            }
        }

        if (primaries.Count == 0 && !help)
        {
            errors.Add("-s: at least one memcached server is required (-s host:port)");
        }

        BuildPools(settings, primaries, backups, ketama);
        return new MagentCommandLineResult(settings, errors, help);
    }

    private static void Apply(char flag, string value, ProxySettings settings, List<string> primaries, List<string> backups, List<string> errors)
    {
        switch (flag)
        {
            case 'p':
                if (TryInt(value, 0, 65535, out int port))
                {
                    settings.Port = port;
                }
                else
                {
                    errors.Add($"-p: '{value}' is not a TCP port");
                }

                break;
            case 'n':
                if (TryInt(value, 1, int.MaxValue, out int max))
                {
                    settings.MaxConnections = max;
                }
                else
                {
                    errors.Add($"-n: '{value}' is not a positive number");
                }

                break;
            case 'i':
                if (TryInt(value, 1, 10_000, out int idle))
                {
                    settings.MaxIdleConnectionsPerServer = idle;
                }
                else
                {
                    errors.Add($"-i: '{value}' is not a positive number");
                }

                break;
            case 'l': settings.ListenAddress = value; break;
            case 'f': settings.UnixSocket = value; break;
            case 'u': settings.User = value; break;
            case 'g': settings.Group = value; break;
            case 's': AddServers('s', value, primaries, errors); break;
            default: AddServers('b', value, backups, errors); break;
        }
    }

    private static void AddServers(char flag, string value, List<string> servers, List<string> errors)
    {
        foreach (string spec in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ServerEndpoint.TryParse(spec, KetamaNode.DefaultPort, out ServerEndpoint? endpoint, out string? error))
            {
                // Normalised to "host:port" so the pool settings read the same as a JSON config.
                servers.Add(endpoint!.ToString());
            }
            else
            {
                errors.Add($"-{flag}: {error}");
            }
        }
    }

    private static void BuildPools(ProxySettings settings, List<string> primaries, List<string> backups, bool ketama)
    {
        PoolSettings Pool(string name, List<string> servers) => new()
        {
            Name = name,
            Servers = servers,
            Distribution = ketama ? "ketama" : "modula",
            Hash = ketama ? "md5" : "magent_djb",
        };

        PoolSettings primary = Pool(PrimaryPoolName, primaries);
        settings.Pools.Add(primary);
        if (backups.Count > 0)
        {
            primary.ReplicaPool = BackupPoolName;
            settings.Pools.Add(Pool(BackupPoolName, backups));
        }
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
