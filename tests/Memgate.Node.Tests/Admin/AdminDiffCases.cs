using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Admin;

/// <summary>
/// Admin command cases replayed against memcached 1.6.18 and memgate. Every case that changes a setting puts the
/// default back at its end, so cases do not depend on their order. Cases avoid what is timing-dependent in memcached
/// (a crawl still running answers BUSY) and what wedges 1.6.18's crawler ("metadump ,", "metadump hash").
/// </summary>
public static class AdminDiffCases
{
    private const string RestoreLru = "lru tune 20 40 0.2 2\r\nlru mode segmented\r\nlru temp_ttl 61\r\nlru temp_ttl -1\r\n";

    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("slabs_reassign_answers_NOSPARE_SAME_BADCLASS").Send(
            "slabs reassign 1 2\r\nslabs reassign 1 1\r\nslabs reassign 0 1\r\nslabs reassign 1 0\r\nslabs reassign -1 2\r\n"
            + "slabs reassign -1 -1\r\nslabs reassign 64 64\r\nslabs reassign 1 39\r\nslabs reassign 1 40\r\nslabs reassign 40 1\r\n"
            + "slabs reassign 4294967297 2\r\nslabs reassign  1  2\r\n");
        yield return new DiffCase("slabs_reassign_bad_forms").Send(
            "slabs reassign x 1\r\nslabs reassign 1 2x\r\nslabs reassign 1\r\nslabs reassign 1 2 3\r\nslabs reassign 1 2 noreply\r\n"
            + "slabs\r\nslabs foo bar\r\nslabs noreply\r\n");
        yield return new DiffCase("slabs_automove_levels_and_ratio").Send(
            "slabs automove 0\r\nslabs automove 2\r\nslabs automove 3\r\nslabs automove x\r\nslabs automove -1\r\n"
            + "slabs automove\r\nslabs automove 1 2 3\r\nslabs automove ratio 0.5\r\nslabs automove ratio\r\nslabs automove ratio x\r\n"
            + "stats settings\r\nslabs automove 1\r\nslabs automove ratio 0.8\r\n");
        yield return new DiffCase("slabs_automove_honours_noreply").Send(
            "slabs automove 1 noreply\r\nslabs automove x noreply\r\nslabs automove 3 noreply\r\nslabs automove noreply\r\n"
            + "slabs automove ratio 0.5 noreply\r\nslabs automove ratio noreply\r\nslabs automove ratio 0.8\r\n");
        yield return new DiffCase("lru_tune_checks_and_records").Send(
            "lru\r\nlru tune\r\nlru tune 10 20 0.1 2.0\r\nlru tune 50 40 0.1 2\r\nlru tune 10 20 0 2\r\nlru tune 10 20 0.1 -1\r\n"
            + "lru tune x 20 0.1 2\r\nlru tune 10 20 0.1\r\nlru tune 10 20 abc 2\r\nlru tune 10 20 0.5 3 extra\r\nlru tune 10 20 1e1 5\r\n"
            + "lru tune 4294967295 1 1 1\r\nstats settings\r\n" + RestoreLru);
        yield return new DiffCase("lru_strtod_accepts_what_glibc_reads").Send(
            "lru tune 10 20 inf 2\r\nlru tune 10 20 nan 2\r\nlru tune 10 20 +0.5 .5\r\nlru tune 10 20 1e999 2\r\nlru tune 10 20 1e 2\r\n"
            + "lru tune 10 20 0.5x 2\r\nlru tune 10 20 1e-400 2\r\nlru tune 10 20 INFINITY 2\r\n" + RestoreLru);
        yield return new DiffCase("lru_mode_and_temp_ttl").Send(
            "lru mode flat\r\nlru mode segmented\r\nlru mode x\r\nlru mode\r\nlru temp_ttl 100\r\nstats settings\r\nlru temp_ttl -1\r\n"
            + "lru temp_ttl x\r\nlru temp_ttl\r\nlru temp_ttl 4294967296\r\nstats settings\r\nlru foo\r\n" + RestoreLru);
        yield return new DiffCase("lru_honours_noreply_for_every_reply").Send(
            "lru tune 10 20 0.1 2 noreply\r\nlru tune 50 40 0.1 2 noreply\r\nlru mode flat noreply\r\nlru temp_ttl 5 noreply\r\n"
            + "lru foo noreply\r\nlru noreply\r\n" + RestoreLru);
        yield return new DiffCase("lru_crawler_settings").Send(
            "lru_crawler\r\nlru_crawler sleep 100\r\nlru_crawler sleep 1000001\r\nlru_crawler sleep 1000000\r\nlru_crawler sleep x\r\n"
            + "lru_crawler sleep\r\nlru_crawler sleep 5 noreply\r\nlru_crawler tocrawl 5\r\nlru_crawler tocrawl x\r\nlru_crawler tocrawl -1\r\n"
            + "lru_crawler tocrawl 5 noreply\r\nstats settings\r\nlru_crawler sleep 100\r\nlru_crawler tocrawl 0\r\n");
        // memcached's disable does not wait for its crawler thread: until the thread has exited, crawl/metadump fail
        // with "unknown error" and an enable is undone by the exiting thread. The pauses let the thread stop.
        yield return new DiffCase("lru_crawler_enable_disable").Send("lru_crawler enable\r\nlru_crawler disable\r\n")
            .Send("{pause:500}lru_crawler disable\r\nlru_crawler crawl all\r\nlru_crawler metadump all\r\nstats settings\r\n")
            .Send("{pause:500}lru_crawler enable\r\nlru_crawler enable noreply\r\nlru_crawler foo\r\nlru_crawler noreply\r\nstats settings\r\n");
        // memcached's crawler answers BUSY while the previous crawl still runs, so each crawl waits for it to finish.
        yield return new DiffCase("lru_crawler_crawl_class_lists").Send("lru_crawler crawl all\r\n")
            .Send("{pause:300}lru_crawler crawl 1,2,3\r\n").Send("{pause:300}lru_crawler crawl 63\r\n").Send("{pause:300}lru_crawler crawl 1,,2\r\n")
            .Send("lru_crawler crawl 0\r\nlru_crawler crawl 64\r\nlru_crawler crawl x\r\nlru_crawler crawl 1,x\r\nlru_crawler crawl ,\r\n"
                + "lru_crawler crawl hash\r\nlru_crawler crawl all noreply\r\nlru_crawler crawl 1 2\r\n");
        yield return new DiffCase("lru_crawler_metadump_and_mgdump_errors").Send(
            "lru_crawler mgdump all\r\nlru_crawler mgdump\r\nlru_crawler metadump\r\nlru_crawler metadump 0\r\nlru_crawler metadump x\r\n"
            + "lru_crawler metadump 64\r\nlru_crawler metadump 1 2\r\nlru_crawler metadump all noreply\r\n");
        yield return new DiffCase("metadump_after_other_replies_cannot_pipeline").Send("version\r\nlru_crawler metadump all\r\nversion\r\n");
        yield return new DiffCase("metadump_of_empty_cache_is_END").SendWithoutSentinel("lru_crawler metadump all\r\n")
            .SendWithoutSentinel("lru_crawler metadump 40\r\n");
        yield return new DiffCase("watch_errors_and_noreply").Send("watch foo\r\nwatch deletions\r\nwatch noreply\r\nwatch fetchers noreply\r\n")
            .SendOn(1, "version\r\nwatch\r\n");
        yield return new DiffCase("watch_answers_OK_then_ignores_commands").SendWithoutSentinel("watch fetchers mutations\r\nversion\r\n")
            .SendWithoutSentinel("version\r\n");
        yield return new DiffCase("debug_only_commands_answer_ERROR").Send(
            "misbehave\r\nmisbehave noreply\r\ndebugtime 5\r\ndebugtime\r\ndebugtime 1 noreply\r\n");
        yield return new DiffCase("extstore_and_refresh_certs").Send(
            "extstore\r\nextstore item_size 5\r\nextstore foo 5\r\nextstore item_size x\r\nextstore item_size\r\nextstore max_frag 0.5\r\n"
            + "extstore item_size 5 noreply\r\nextstore free_memchunks 1 2\r\nextstore free_memchunks 64 2\r\nextstore free_memchunks 1\r\n"
            + "refresh_certs\r\nrefresh_certs noreply\r\nextstore item_size 512\r\nextstore max_frag 0.8\r\n");
        yield return new DiffCase("verbosity_is_clamped_to_2").Send("verbosity 5\r\nstats settings\r\nverbosity 0\r\n");
        yield return new DiffCase("cachedump_argument_errors").Send(
            "stats cachedump\r\nstats cachedump 1\r\nstats cachedump x 0\r\nstats cachedump 1 x\r\nstats cachedump -1 0\r\n"
            + "stats cachedump 64 0\r\nstats cachedump 4294967295 0\r\n");
        yield return new DiffCase("cachedump_of_empty_class_is_END").Send(
            "stats cachedump 0 0\r\nstats cachedump 12 0\r\nstats cachedump 63 5\r\nstats cachedump 2 0 extra\r\nstats cachedump 2 0 noreply\r\n");
    }

    /// <summary>Cases for servers started with -X -W.</summary>
    public static IEnumerable<DiffCase> Restricted()
    {
        yield return new DiffCase("dumps_are_not_allowed_with_X").Send(
            "stats cachedump 1 0\r\nstats cachedump 1\r\nstats cachedump\r\nlru_crawler metadump all\r\nlru_crawler metadump x\r\n"
            + "lru_crawler crawl all\r\n");
        yield return new DiffCase("watch_is_not_allowed_with_W").Send("watch\r\nwatch noreply\r\nwatch foo\r\n");
    }
}
