using Memgate.Node;

namespace Memgate.Server.Tests;

/// <summary>Every failure text and exit code below was produced by running memcached 1.6.18 with the same arguments.</summary>
public sealed class MemcachedCommandLineTests
{
    [Theory]
    [InlineData("-c 0", "Maximum connections must be greater than 0\n", 1)]
    [InlineData("-c -1", "Maximum connections must be greater than 0\n", 1)]
    [InlineData("-c abc", "Maximum connections must be greater than 0\n", 1)]
    [InlineData("-t 0", "Number of threads must be greater than 0\n", 1)]
    [InlineData("-t abc", "Number of threads must be greater than 0\n", 1)]
    [InlineData("-B http", "Invalid value for binding protocol: http\n -- should be one of auto, binary, or ascii\n", 64)]
    [InlineData("-I 1000", "Item max size cannot be less than 1024 bytes.\n", 64)]
    [InlineData("-I 2g", "Item max size cannot be less than 1024 bytes.\n", 64)]
    [InlineData("-I 256m", "Cannot set item size limit higher than 1/2 of memory max.\n", 64)]
    [InlineData("-I 2m -m 2", "Cannot set item size limit higher than 1/2 of memory max.\n", 64)]
    [InlineData("-m abc", "Cannot set item size limit higher than 1/2 of memory max.\n", 64)]
    [InlineData("-I 1025m -m 4096", "Cannot set item size limit higher than a gigabyte.\n", 64)]
    [InlineData("-I 2048", "slab_chunk_max (bytes: 524288) cannot be larger than -I (item_size_max 2048)\n", 64)]
    [InlineData("-o slab_chunk_max=1000", "-I (item_size_max: 1048576) must be evenly divisible by slab_chunk_max (bytes: 1000)\n", 64)]
    [InlineData("-o foo", "Illegal suboption \"foo\"\n", 1)]
    [InlineData("-o proxy_config=x", "Illegal suboption \"proxy_config=x\"\n", 1)]
    [InlineData("-o hashpower=5", "Initial hashtable multiplier of 5 is too low\n", 1)]
    [InlineData("-o hashpower=x", "Initial hashtable multiplier of 0 is too low\n", 1)]
    [InlineData("-o hashpower=65", "Initial hashtable multiplier of 65 is too high\nChoose a value based on \"STAT hash_power_level\" from a running instance\n", 1)]
    [InlineData("-o hashpower", "Missing numeric argument for hashpower\n", 1)]
    [InlineData("-o idle_timeout", "Missing numeric argument for idle_timeout\n", 1)]
    [InlineData("-o slab_automove=9", "slab_automove must be between 0 and 2\n", 1)]
    [InlineData("-o slab_automove_ratio=2", "slab_automove_ratio must be > 0 and < 1\n", 1)]
    [InlineData("-o slab_automove_window=2", "slab_automove_window must be > 2\n", 1)]
    [InlineData("-o hot_lru_pct=90", "hot_lru_pct must be > 1 and < 80\n", 1)]
    [InlineData("-o warm_lru_pct=90", "warm_lru_pct must be > 1 and < 80\n", 1)]
    [InlineData("-o hot_lru_pct=50,warm_lru_pct=50", "hot_lru_pct + warm_lru_pct cannot be more than 80% combined\n", 64)]
    [InlineData("-o hot_max_factor=x", "hot_max_factor must be > 0\n", 1)]
    [InlineData("-o lru_crawler_sleep=2000000", "LRU crawler sleep must be between 0 and 1 second\n", 1)]
    [InlineData("-o lru_crawler_tocrawl=x", "lru_crawler_tocrawl takes a numeric 32bit value\n", 1)]
    [InlineData("-o tail_repair_time=5", "Cannot set tail_repair_time to less than 10 seconds\n", 1)]
    [InlineData("-o hash_algorithm=foo", "Unknown hash_algorithm option (jenkins, murmur3, xxh3)\n", 1)]
    [InlineData("-o watcher_logbuf_size=x", "could not parse argument to watcher_logbuf_size\n", 1)]
    [InlineData("-o read_buf_mem_limit=x", "could not parse argument to read_buf_mem_limit\n", 1)]
    [InlineData("-o temporary_ttl=5,no_lru_maintainer", "temporary_ttl requires lru_maintainer to be enabled\n", 64)]
    [InlineData("-R 0", "Number of requests per event must be greater than 0\n", 1)]
    [InlineData("-f 1", "Factor must be greater than 1\n", 1)]
    [InlineData("-n abc", "Chunk size must be greater than 0\n", 1)]
    [InlineData("-N x", "Maximum number of NAPI IDs must be greater than 0\n", 1)]
    [InlineData("-p 70000", "ERROR: Invalid port number 70000.\n", 64)]
    [InlineData("-U 70000", "ERROR: Invalid port number 70000.\n", 64)]
    [InlineData("-p 70000 -I 1000", "Item max size cannot be less than 1024 bytes.\n", 64)]
    [InlineData("-S -B ascii", "ERROR: You cannot allow the ASCII protocol while using SASL.\n", 64)]
    [InlineData("-U 5 -S", "ERROR: Cannot enable UDP while using binary SASL authentication.\n", 64)]
    [InlineData("-Y /nonexist", "Could not open authfile [/nonexist] for reading, error No such file or directory: No such file or directory\n", 1)]
    [InlineData("-x", "memcached: invalid option -- 'x'\nIllegal argument \"?\"\n", 1)]
    [InlineData("-D", "memcached: option requires an argument -- 'D'\nIllegal argument \"?\"\n", 1)]
    [InlineData("--bogus", "memcached: unrecognized option '--bogus'\nIllegal argument \"?\"\n", 1)]
    [InlineData("--port", "memcached: option '--port' requires an argument\nIllegal argument \"?\"\n", 1)]
    [InlineData("--help=3", "memcached: option '--help' doesn't allow an argument\nIllegal argument \"?\"\n", 1)]
    [InlineData("--disable", "memcached: option '--disable' is ambiguous; possibilities: '--disable-evictions' '--disable-cas' '--disable-flush-all' '--disable-dumping' '--disable-watch'\nIllegal argument \"?\"\n", 1)]
    public void Invalid_arguments_fail_like_memcached(string args, string message, int exitCode)
    {
        var result = MemcachedCommandLine.Parse(args.Split(' '));
        Assert.False(result.ShouldRun);
        Assert.Equal(message, result.StandardError);
        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public void Defaults_are_memcached_1_6_18_defaults()
    {
        var settings = MemcachedCommandLine.Parse([]).Settings!;
        Assert.Equal(11211, settings.TcpPort);
        Assert.Equal(64L * 1024 * 1024, settings.MemoryLimitBytes);
        Assert.Equal(1024, settings.MaxConnections);
        Assert.Equal(4, settings.Threads);
        Assert.Equal(1024 * 1024, settings.MaxItemSize);
        Assert.Equal("auto", settings.Protocol);
        Assert.True(settings.MaxConnsFast);
    }

    [Fact]
    public void Short_long_and_clustered_forms_are_accepted()
    {
        var result = MemcachedCommandLine.Parse(["--port=12345", "--memory-limit", "128", "-vvv", "-I", "2m", "-c100", "-l", "127.0.0.1,::1", "-o", "idle_timeout=7,no_maxconns_fast,hashpower=20,modern,ext_path=/x:1G,ssl_key=k,relaxed_privileges", "-a", "755", "--disable-cas", "-t", "65"]);
        var s = result.Settings!;
        Assert.Equal(12345, s.TcpPort);
        Assert.Equal(128L * 1024 * 1024, s.MemoryLimitBytes);
        Assert.Equal(3, s.Verbosity);
        Assert.Equal(2 * 1024 * 1024, s.MaxItemSize);
        Assert.Equal(100, s.MaxConnections);
        Assert.Equal(["127.0.0.1", "::1"], s.ListenAddresses);
        Assert.Equal(7, s.IdleTimeout);
        Assert.False(s.MaxConnsFast);
        Assert.Equal(20, s.HashPowerInit);
        Assert.Equal(Convert.ToInt32("755", 8), s.UnixSocketMask);
        Assert.True(s.CasDisabled);
        Assert.Equal("WARNING: Setting a high number of worker threads is not recommended.\n Set this value to the number of cores in your machine or less.\n", result.StandardError);
    }

    [Fact]
    public void Odd_values_parse_as_memcached_parses_them()
    {
        Assert.Equal(0, MemcachedCommandLine.Parse(["-o", "idle_timeout=x"]).Settings!.IdleTimeout);
        Assert.Equal(0, MemcachedCommandLine.Parse(["-a", "999"]).Settings!.UnixSocketMask);
        Assert.Equal(1024 * 1024 * 1024, MemcachedCommandLine.Parse(["-I", "1024m", "-m", "4096"]).Settings!.MaxItemSize);
        Assert.True(MemcachedCommandLine.Parse(["-m", "-1"]).ShouldRun);
        Assert.Equal(2 * 1024 * 1024, MemcachedCommandLine.Parse(["-I", "2M"]).Settings!.MaxItemSize);
    }

    [Fact]
    public void Memgate_transport_option_selects_the_transport_and_stays_out_of_stats_settings()
    {
        var epoll = MemcachedCommandLine.Parse(["-o", "memgate_transport=epoll"]).Settings!;
        var sockets = MemcachedCommandLine.Parse(["-o", "idle_timeout=5,memgate_transport=sockets"]).Settings!;
        Assert.Equal(NodeTransport.Epoll, epoll.Transport);
        Assert.Equal(NodeTransport.Sockets, sockets.Transport);
        Assert.Equal(5, sockets.IdleTimeout);
        Assert.Equal(SettingsStats.GetPairs(MemcachedCommandLine.Parse([]).Settings!), SettingsStats.GetPairs(epoll));
        Assert.Equal(SettingsStats.GetPairs(MemcachedCommandLine.Parse([]).Settings!), SettingsStats.GetPairs(sockets with { Transport = NodeTransport.Epoll, IdleTimeout = 0 }));

        foreach (string bad in new[] { "memgate_transport", "memgate_transport=uring" })
        {
            var result = MemcachedCommandLine.Parse(["-o", bad]);
            Assert.False(result.ShouldRun);
            Assert.Equal("memgate_transport must be epoll or sockets\n", result.StandardError);
            Assert.Equal(1, result.ExitCode);
        }
    }

    [Fact]
    public void Help_and_version_print_and_exit_zero()
    {
        var help = MemcachedCommandLine.Parse(["-h"]);
        Assert.False(help.ShouldRun);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("memgate", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unix-socket", help.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("sasl", help.StandardOutput, StringComparison.OrdinalIgnoreCase);

        var version = MemcachedCommandLine.Parse(["-V"]);
        Assert.Equal($"memcached {NodeVersion.Number} (memgate {NodeVersion.MemgateVersion})\n", version.StandardOutput);
    }
}
