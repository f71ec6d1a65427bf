using Memgate.Node.CommandLine;

namespace Memgate.Node;

/// <summary>
/// memcached 1.6.18's command line for `memgate node`: same flags, defaults, validation order, messages and exit
/// codes (each failure was checked against /usr/bin/memcached 1.6.18). Checks that need the process (root without
/// -u, user lookup) and the network (-l resolution) happen later, in the same order memcached does them.
/// </summary>
public static class MemcachedCommandLine
{
    public static CommandLineResult Parse(string[] args, string program = "memcached")
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = new NodeSettings();
        var reader = new GetoptReader(args, program);
        var ignored = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool slabChunkChanged = false;
        bool protocolSpecified = false;
        bool tcpSpecified = false;
        bool udpSpecified = false;
        var listen = new List<string>();
        string? listenJoined = null;
        string warnings = "";

        while (reader.Next(out char option, out string? value, out string? getoptError))
        {
            if (getoptError is not null)
            {
                return CommandLineResult.Fail(ExitCodes.Failure, warnings + getoptError + "Illegal argument \"?\"\n");
            }

            switch (option)
            {
                case 'a': s = s with { UnixSocketMask = (int)CNumber.Strtol(value, 8, out _) }; break;
                case 'A': s = s with { ShutdownEnabled = true }; break;
                case 'U': s = s with { UdpPort = CNumber.Atoi(value) }; udpSpecified = true; break;
                case 'p': s = s with { TcpPort = CNumber.Atoi(value) }; tcpSpecified = true; break;
                case 's': s = s with { UnixSocketPath = value }; break;
                case 'm': s = s with { MemoryLimitBytes = unchecked((long)((ulong)(long)CNumber.Atoi(value) * 1024 * 1024)) }; break;
                case 'M': s = s with { EvictionsDisabled = true }; break;
                case 'c':
                    int connections = CNumber.Atoi(value);
                    if (connections <= 0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Maximum connections must be greater than 0\n");
                    }

                    s = s with { MaxConnections = connections };
                    break;
                case 'h': return CommandLineResult.Print(UsageText.Help);
                case 'i': return CommandLineResult.Print(UsageText.License);
                case 'V': return CommandLineResult.Print(NodeVersion.VersionLine + "\n");
                case 'k': s = s with { LockMemory = true }; break;
                case 'v': s = s with { Verbosity = s.Verbosity + 1 }; break;
                case 'l':
                    // memcached appends each -l to one comma list, skipping a value already contained in it.
                    if (listenJoined is not null && listenJoined.Contains(value!, StringComparison.Ordinal))
                    {
                        break;
                    }

                    listenJoined = listenJoined is null ? value : listenJoined + "," + value;
                    listen.AddRange(value!.Split(','));
                    break;
                case 'd': s = s with { Daemonize = true }; break;
                case 'r': s = s with { CoreDumpsEnabled = true }; break;
                case 'R':
                    int reqs = CNumber.Atoi(value);
                    if (reqs == 0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Number of requests per event must be greater than 0\n");
                    }

                    s = s with { ReqsPerEvent = reqs };
                    break;
                case 'u': s = s with { User = value }; break;
                case 'P': s = s with { PidFile = value }; break;
                case 'e': s = s with { MemoryFile = value }; break;
                case 'f':
                    double factor = CNumber.Atof(value);
                    if (factor <= 1.0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Factor must be greater than 1\n");
                    }

                    s = s with { GrowthFactor = factor };
                    break;
                case 'n':
                    int chunk = CNumber.Atoi(value);
                    if (chunk == 0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Chunk size must be greater than 0\n");
                    }

                    s = s with { MinChunkSize = chunk };
                    break;
                case 't':
                    int threads = CNumber.Atoi(value);
                    if (threads <= 0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Number of threads must be greater than 0\n");
                    }

                    if (threads > 64)
                    {
                        warnings += "WARNING: Setting a high number of worker threads is not recommended.\n Set this value to the number of cores in your machine or less.\n";
                    }

                    s = s with { Threads = threads };
                    break;
                case 'D':
                    if (string.IsNullOrEmpty(value))
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "No delimiter specified\n");
                    }

                    s = s with { StatsPrefixDelimiter = value[..1], DetailEnabled = true };
                    break;
                case 'L': s = s with { LargePages = true }; break;
                case 'C': s = s with { CasDisabled = true }; break;
                case 'b': s = s with { Backlog = CNumber.Atoi(value) }; break;
                case 'B':
                    protocolSpecified = true;
                    if (value is not ("auto" or "binary" or "ascii"))
                    {
                        return CommandLineResult.Fail(ExitCodes.Usage, $"Invalid value for binding protocol: {value}\n -- should be one of auto, binary, or ascii\n");
                    }

                    s = s with { Protocol = value };
                    break;
                case 'I': s = s with { MaxItemSize = ParseItemSize(value!) }; break;
                case 'S': s = s with { SaslEnabled = true }; break;
                case 'F': s = s with { FlushDisabled = true }; break;
                case 'X': s = s with { DumpDisabled = true }; break;
                case 'W': s = s with { WatchDisabled = true }; break;
                case 'Y': s = s with { AuthFile = value }; break;
                case 'Z': s = s with { TlsEnabled = true }; break;
                case 'N':
                    long napi = CNumber.Strtol(value, 10, out _);
                    if (napi <= 0)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, "Maximum number of NAPI IDs must be greater than 0\n");
                    }

                    s = s with { NapiIds = (int)Math.Min(napi, int.MaxValue) };
                    break;
                case 'o':
                    string? error = ExtendedOptions.Apply(value!, ref s, ref slabChunkChanged, ignored);
                    if (error is not null)
                    {
                        return CommandLineResult.Fail(ExitCodes.Failure, error);
                    }

                    break;
                default:
                    return CommandLineResult.Fail(ExitCodes.Failure, $"Illegal argument \"{option}\"\n");
            }
        }

        s = s with { ListenAddresses = listen, IgnoredExtendedOptions = ignored };
        var result = Validate(s, slabChunkChanged, protocolSpecified, tcpSpecified, udpSpecified);
        return warnings.Length == 0 ? result : result with { StandardError = warnings + result.StandardError };
    }

    /// <summary>-I: atoi of the number, times 1024 or 1024² for a k/K/m/M suffix, in C int arithmetic.</summary>
    private static int ParseItemSize(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        char unit = text[^1];
        if (unit is 'k' or 'K' or 'm' or 'M')
        {
            int size = CNumber.Atoi(text[..^1]);
            return unchecked(unit is 'k' or 'K' ? size * 1024 : size * 1024 * 1024);
        }

        return CNumber.Atoi(text);
    }

    /// <summary>The checks memcached's main() makes after option parsing, in its order.</summary>
    private static CommandLineResult Validate(NodeSettings s, bool slabChunkChanged, bool protocolSpecified, bool tcpSpecified, bool udpSpecified)
    {
        if (s.MaxItemSize < 1024)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "Item max size cannot be less than 1024 bytes.\n");
        }

        // memcached compares in size_t: a negative -m wraps to a huge limit.
        if ((ulong)s.MaxItemSize > (ulong)s.MemoryLimitBytes / 2)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "Cannot set item size limit higher than 1/2 of memory max.\n");
        }

        if (s.MaxItemSize > 1024 * 1024 * 1024)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "Cannot set item size limit higher than a gigabyte.\n");
        }

        if (s.MaxItemSize > 1024 * 1024 && !slabChunkChanged)
        {
            s = s with { SlabChunkMax = ExtendedOptions.SlabPageSize / 2 };
        }

        if (s.SlabChunkMax > s.MaxItemSize)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, $"slab_chunk_max (bytes: {s.SlabChunkMax}) cannot be larger than -I (item_size_max {s.MaxItemSize})\n");
        }

        if (s.MaxItemSize % s.SlabChunkMax != 0)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, $"-I (item_size_max: {s.MaxItemSize}) must be evenly divisible by slab_chunk_max (bytes: {s.SlabChunkMax})\n");
        }

        if (ExtendedOptions.SlabPageSize % s.SlabChunkMax != 0)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, $"slab_chunk_max (bytes: {s.SlabChunkMax}) must divide evenly into {ExtendedOptions.SlabPageSize} (slab_page_size)\n");
        }

        if (s.HotLruPct + s.WarmLruPct > 80)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "hot_lru_pct + warm_lru_pct cannot be more than 80% combined\n");
        }

        if (s.TempLru && !s.LruMaintainer)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "temporary_ttl requires lru_maintainer to be enabled\n");
        }

        if (s.SaslEnabled)
        {
            if (!protocolSpecified)
            {
                s = s with { Protocol = "binary" };
            }
            else if (s.Protocol != "binary")
            {
                return CommandLineResult.Fail(ExitCodes.Usage, "ERROR: You cannot allow the ASCII protocol while using SASL.\n");
            }

            if (s.UdpPort != 0)
            {
                return CommandLineResult.Fail(ExitCodes.Usage, "ERROR: Cannot enable UDP while using binary SASL authentication.\n");
            }
        }

        if (s.AuthFile is not null)
        {
            if (!protocolSpecified)
            {
                s = s with { Protocol = "ascii" };
            }
            else if (s.Protocol != "ascii")
            {
                return CommandLineResult.Fail(ExitCodes.Usage, "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.\n");
            }
        }

        if (udpSpecified && s.UdpPort != 0 && !tcpSpecified)
        {
            s = s with { TcpPort = s.UdpPort };
        }

        foreach (int port in (int[])[s.TcpPort, s.UdpPort])
        {
            if (port > 65535)
            {
                return CommandLineResult.Fail(ExitCodes.Usage, $"ERROR: Invalid port number {port}.\n");
            }
        }

        // memcached checks this when it loads the authfile, so after every other flag check.
        if (s.AuthFile is not null && s.UdpPort != 0)
        {
            return CommandLineResult.Fail(ExitCodes.Usage, "Cannot use UDP with ascii authentication enabled (-U 0 to disable)\n");
        }

        // A directory opens (and holds no users) in memcached; the full load runs once the node starts.
        if (s.AuthFile is not null && !File.Exists(s.AuthFile) && !Directory.Exists(s.AuthFile))
        {
            return CommandLineResult.Fail(ExitCodes.Failure, $"Could not open authfile [{s.AuthFile}] for reading, error No such file or directory: No such file or directory\n");
        }

        return CommandLineResult.Run(s);
    }
}
