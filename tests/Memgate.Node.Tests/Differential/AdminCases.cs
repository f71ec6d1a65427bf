using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: version, verbosity, flush_all, stats sub-commands, shutdown, admin commands.</summary>
public static class AdminCases
{
    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("version_returns_VERSION").Send("version\r\nversion extra\r\n");
        yield return new DiffCase("verbosity_variants").Send("verbosity 1\r\nverbosity 0\r\nverbosity\r\nverbosity x\r\nverbosity 1 noreply\r\nverbosity 1 2 3\r\n");
        yield return new DiffCase("flush_all_removes_items").Send("set a 0 0 1\r\na\r\nflush_all\r\nget a\r\nset a 0 0 1\r\nb\r\nget a\r\n");
        yield return new DiffCase("flush_all_variants").Send("flush_all 0\r\nflush_all noreply\r\nflush_all 0 noreply\r\nflush_all abc\r\nflush_all -1\r\nflush_all 1 2 3\r\n");
        yield return new DiffCase("flush_all_with_far_delay_keeps_items_now").Send("set a 0 0 1\r\na\r\nflush_all 2592000\r\nget a\r\n");
        yield return new DiffCase("stats_reset_returns_RESET").Send("stats reset\r\n");
        yield return new DiffCase("stats_settings_values_match").Send("stats settings\r\n");
        yield return new DiffCase("stats_sizes_reports_disabled").Send("stats sizes\r\n");
        yield return new DiffCase("stats_unknown_subcommand_returns_ERROR").Send("stats nonsense\r\nstats cachedump\r\n");
        yield return new DiffCase("stats_detail_toggles").Send("stats detail on\r\nstats detail dump\r\nstats detail off\r\nstats detail\r\n");
        yield return new DiffCase("shutdown_without_A_is_refused").Send("shutdown\r\nshutdown graceful\r\n");
        yield return new DiffCase("cache_memlimit_too_small_and_invalid").Send("cache_memlimit 4\r\ncache_memlimit x\r\ncache_memlimit 64\r\ncache_memlimit\r\n");
        yield return new DiffCase("slabs_automove_and_reassign").Send("slabs automove 1\r\nslabs automove x\r\nslabs reassign 1 1\r\nslabs\r\n");
        yield return new DiffCase("lru_crawler_commands").Send("lru_crawler sleep 100\r\nlru_crawler tocrawl 0\r\nlru_crawler bogus\r\n");
    }
}
