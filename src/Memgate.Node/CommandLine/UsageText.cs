namespace Memgate.Node.CommandLine;

/// <summary>
/// The -h text: memcached 1.6.18's help for the flags memgate accepts. memcached's test suite greps -h to detect
/// optional features (SASL, extstore, TLS, proxy), so those are left out here: memgate accepts but does not
/// implement them, and the tests for them should skip.
/// </summary>
internal static class UsageText
{
    public static string Help => "memgate node: memcached-compatible cache node, " + NodeVersion.VersionLine + "\n" + Options;

    public const string License = """
        memgate: a memcached-compatible cache cluster.
        Command-line interface, defaults and messages follow memcached (BSD license, Copyright (c) 2003,
        Danga Interactive, Inc.); see https://github.com/memcached/memcached/blob/master/LICENSE.

        """;

    private const string Options = """
        -p, --port=<num>          TCP port to listen on (default: 11211)
        -U, --udp-port=<num>      UDP port to listen on (default: 0, off)
        -s, --unix-socket=<file>  UNIX socket to listen on (disables network support)
        -a, --unix-mask=<mask>    access mask for UNIX socket, in octal (default: 700)
        -A, --enable-shutdown     enable ascii "shutdown" command
        -l, --listen=<addr>       interface to listen on (default: INADDR_ANY)
        -d, --daemon              run as a daemon
        -r, --enable-coredumps    maximize core file limit
        -u, --user=<user>         assume identity of <username> (only when run as root)
        -m, --memory-limit=<num>  item memory in megabytes (default: 64)
        -M, --disable-evictions   return error on memory exhausted instead of evicting
        -c, --conn-limit=<num>    max simultaneous connections (default: 1024)
        -k, --lock-memory         lock down all paged memory
        -v, --verbose             verbose (print errors/warnings while in event loop)
        -vv                       very verbose (also print client commands/responses)
        -vvv                      extremely verbose (internal state transitions)
        -h, --help                print this help and exit
        -i, --license             print memcached and libevent license
        -V, --version             print version and exit
        -P, --pidfile=<file>      save PID in <file>, only used with -d option
        -f, --slab-growth-factor=<num> chunk size growth factor (default: 1.25)
        -n, --slab-min-size=<bytes> min space used for key+value+flags (default: 48)
        -L, --enable-largepages  try to use large memory pages (if available)
        -D <char>     Use <char> as the delimiter between key prefixes and IDs.
                      This is used for per-prefix stats reporting. The default is
                      ":" (colon). If this option is specified, stats collection
                      is turned on automatically; if not, then it may be turned on
                      by sending the "stats detail on" command to the server.
        -t, --threads=<num>       number of threads to use (default: 4)
        -R, --max-reqs-per-event  maximum number of requests per event, limits the
                                  requests processed per connection to prevent
                                  starvation (default: 20)
        -C, --disable-cas         disable use of CAS
        -b, --listen-backlog=<num> set the backlog queue limit (default: 1024)
        -B, --protocol=<name>     protocol - one of ascii, binary, or auto (default: auto-negotiate)
        -I, --max-item-size=<num> adjusts max item size
                                  (default: 1m, min: 1k, max: 1024m)
        -F, --disable-flush-all   disable flush_all command
        -X, --disable-dumping     disable stats cachedump and lru_crawler metadump
        -W  --disable-watch       disable watch commands (live logging)
        -Y, --auth-file=<file>    (EXPERIMENTAL) enable ASCII protocol authentication. format:
                                  user:pass\nuser2:pass2\n
        -e, --memory-file=<file>  (EXPERIMENTAL) mmap a file for item memory.
                                  use only in ram disks or persistent memory mounts!
                                  enables restartable cache (stop with SIGUSR1)
        -o, --extended            comma separated list of extended options
                                  most options have a 'no_' prefix to disable
           - maxconns_fast:       immediately close new connections after limit (default: enabled)
           - hashpower:           an integer multiplier for how large the hash
                                  table should be. normally grows at runtime. (default starts at: 0)
                                  set based on "STAT hash_power_level"
           - tail_repair_time:    time in seconds for how long to wait before
                                  forcefully killing LRU tail item.
                                  disabled by default; very dangerous option.
           - hash_algorithm:      the hash table algorithm
                                  default is murmur3 hash. options: jenkins, murmur3, xxh3
           - no_lru_crawler:      disable LRU Crawler background thread.
           - lru_crawler_sleep:   microseconds to sleep between items
                                  default is 100.
           - lru_crawler_tocrawl: max items to crawl per slab per run
                                  default is 0 (unlimited)
           - read_buf_mem_limit:  limit in megabytes for connection read/response buffers.
                                  do not adjust unless you have high (20k+) conn. limits.
                                  0 means unlimited (default: 0)
           - no_lru_maintainer:   disable new LRU system + background thread.
           - hot_lru_pct:         pct of slab memory to reserve for hot lru.
                                  (requires lru_maintainer, default pct: 20)
           - warm_lru_pct:        pct of slab memory to reserve for warm lru.
                                  (requires lru_maintainer, default pct: 40)
           - hot_max_factor:      items idle > cold lru age * drop from hot lru. (default: 0.20)
           - warm_max_factor:     items idle > cold lru age * this drop from warm. (default: 2.00)
           - temporary_ttl:       TTL's below get separate LRU, can't be evicted.
                                  (requires lru_maintainer, default: 61)
           - idle_timeout:        timeout for idle connections. (default: 0, no timeout)
           - slab_chunk_max:      (EXPERIMENTAL) maximum slab size in kilobytes. use extreme care. (default: 512)
           - watcher_logbuf_size: size in kilobytes of per-watcher write buffer. (default: 256)
           - worker_logbuf_size:  size in kilobytes of per-worker-thread buffer
                                  read by background thread, then written to watchers. (default: 64)
           - track_sizes:         enable dynamic reports for 'stats sizes' command.
           - no_hashexpand:       disables hash table expansion (dangerous)
           - modern:              enables options which will be default in future.
                                  currently: nothing
           - no_modern:           uses defaults of previous major version (1.4.x)
           - sock_cookie_id:      attributes an ID to a socket for ip filtering/firewalls

           - ext_*, ssl_*:        accepted for compatibility with memcached configs and ignored
        -N, --napi_ids            number of napi ids. see doc/napi_ids.txt for more details

        """;
}
