namespace Memgate.Node;

/// <summary>
/// The settings memcached lets clients change at run time (slabs automove, lru tune/mode/temp_ttl, lru_crawler
/// enable/disable/sleep/tocrawl). They start from the command line and are reported by "stats settings".
/// </summary>
/// <remarks>memgate's engine has no slab mover and no segmented LRU; these values are recorded and reported so that
/// tools that set and read them back see memcached's behaviour. The LRU crawler switch does stop the background
/// crawler.</remarks>
internal sealed class NodeTunables
{
    private readonly Lock _sync = new();

    public NodeTunables(NodeSettings settings)
    {
        SlabAutomove = settings.SlabAutomove;
        SlabAutomoveRatio = settings.SlabAutomoveRatio;
        HotLruPct = settings.HotLruPct;
        WarmLruPct = settings.WarmLruPct;
        HotMaxFactor = settings.HotMaxFactor;
        WarmMaxFactor = settings.WarmMaxFactor;
        LruSegmented = settings.LruSegmented;
        TempLru = settings.TempLru;
        TemporaryTtl = settings.TemporaryTtl;
        LruCrawler = settings.LruCrawler;
        LruCrawlerSleep = settings.LruCrawlerSleep;
        LruCrawlerToCrawl = settings.LruCrawlerToCrawl;
    }

    public int SlabAutomove { get; set; }
    public double SlabAutomoveRatio { get; set; }
    public int HotLruPct { get; private set; }
    public int WarmLruPct { get; private set; }
    public double HotMaxFactor { get; private set; }
    public double WarmMaxFactor { get; private set; }
    public bool LruSegmented { get; set; }
    public bool TempLru { get; private set; }
    public int TemporaryTtl { get; private set; }

    /// <summary>Whether the background LRU crawler runs (lru_crawler enable/disable, -o no_lru_crawler).</summary>
    public bool LruCrawler { get; set; }
    public int LruCrawlerSleep { get; set; }
    public int LruCrawlerToCrawl { get; set; }

    /// <summary>lru tune: the four values change together, so "stats settings" never shows half an update.</summary>
    public void TuneLru(int hotPct, int warmPct, double hotFactor, double warmFactor)
    {
        lock (_sync)
        {
            HotLruPct = hotPct;
            WarmLruPct = warmPct;
            HotMaxFactor = hotFactor;
            WarmMaxFactor = warmFactor;
        }
    }

    /// <summary>lru temp_ttl: a negative TTL turns the temporary LRU off and keeps the previous TTL, as memcached does.</summary>
    public void SetTemporaryTtl(int ttl)
    {
        lock (_sync)
        {
            TempLru = ttl >= 0;
            if (ttl >= 0)
            {
                TemporaryTtl = ttl;
            }
        }
    }

    /// <summary>The command-line settings overlaid with the current run-time values, for "stats settings".</summary>
    public NodeSettings ApplyTo(NodeSettings settings)
    {
        lock (_sync)
        {
            return settings with
            {
                SlabAutomove = SlabAutomove,
                SlabAutomoveRatio = SlabAutomoveRatio,
                HotLruPct = HotLruPct,
                WarmLruPct = WarmLruPct,
                HotMaxFactor = HotMaxFactor,
                WarmMaxFactor = WarmMaxFactor,
                LruSegmented = LruSegmented,
                TempLru = TempLru,
                TemporaryTtl = TemporaryTtl,
                LruCrawler = LruCrawler,
                LruCrawlerSleep = LruCrawlerSleep,
                LruCrawlerToCrawl = LruCrawlerToCrawl,
            };
        }
    }
}
