using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>
/// lru_crawler enable|disable|sleep|tocrawl|crawl|metadump with memcached 1.6.18's replies. noreply is never honoured
/// (memcached does not look for it here, and the extra token makes every sub-command an ERROR).
/// </summary>
/// <remarks>
/// memgate's crawler walks all item memory in the background once a second; "crawl" answers OK and runs one step of
/// it at once. 1.6.18 has no mgdump (ERROR). Deliberate differences: "metadump hash" dumps like "all" (1.6.18 accepts it
/// and then wedges its crawler), and a NOTSTARTED metadump does not leave later metadumps failing with
/// "ERROR an unknown error happened" as 1.6.18 does.
/// </remarks>
internal static class LruCrawlerCommand
{
    /// <summary>Chunks checked by the crawl step that "lru_crawler crawl" runs at once.</summary>
    private const int CrawlStep = 10_000;

    /// <summary>memcached's ceiling for lru_crawler sleep: one second in microseconds.</summary>
    private const uint MaxSleepMicroseconds = 1_000_000;

    public static void Execute(NodeContext node, AdminSession session, ref TextRequest request, OutputBuffer output)
    {
        var args = request.Arguments;
        Span<Range> tokens = stackalloc Range[AdminTokens.Max];
        int count = AdminTokens.Split(args, tokens);
        var sub = count > 0 ? args[tokens[0]] : default;
        if (count == 2 && sub.SequenceEqual("crawl"u8))
        {
            Crawl(node, args[tokens[1]], output);
        }
        else if (count == 2 && sub.SequenceEqual("metadump"u8))
        {
            Metadump(node, session, args[tokens[1]], output);
        }
        else if (count == 2 && sub.SequenceEqual("tocrawl"u8))
        {
            if (NumberParser.TryParseUInt32(args[tokens[1]], out uint tocrawl))
            {
                node.Tunables.LruCrawlerToCrawl = unchecked((int)tocrawl);
                output.Write(TextReplies.Ok);
            }
            else
            {
                output.Write(TextReplies.BadCommandLineFormat);
            }
        }
        else if (count == 2 && sub.SequenceEqual("sleep"u8))
        {
            Sleep(node, args[tokens[1]], output);
        }
        else if (count == 1 && sub.SequenceEqual("enable"u8))
        {
            // memcached refuses to start a crawler thread that already runs.
            output.Write(node.Tunables.LruCrawler ? TextReplies.CrawlerStartFailed : TextReplies.Ok);
            node.Tunables.LruCrawler = true;
        }
        else if (count == 1 && sub.SequenceEqual("disable"u8))
        {
            node.Tunables.LruCrawler = false;
            output.Write(TextReplies.Ok);
        }
        else
        {
            output.Write(TextReplies.Error);
        }
    }

    private static void Sleep(NodeContext node, ReadOnlySpan<byte> value, OutputBuffer output)
    {
        if (!NumberParser.TryParseUInt32(value, out uint sleep))
        {
            output.Write(TextReplies.BadCommandLineFormat);
        }
        else if (sleep > MaxSleepMicroseconds)
        {
            output.Write(TextReplies.LruCrawlerSleepTooLong);
        }
        else
        {
            node.Tunables.LruCrawlerSleep = (int)sleep;
            output.Write(TextReplies.Ok);
        }
    }

    private static void Crawl(NodeContext node, ReadOnlySpan<byte> classList, OutputBuffer output)
    {
        if (!node.Tunables.LruCrawler)
        {
            output.Write(TextReplies.LruCrawlerDisabled);
            return;
        }

        Span<bool> classes = stackalloc bool[CrawlerClassList.MaxClasses];
        switch (CrawlerClassList.Parse(classList, classes))
        {
            case CrawlerClassSelection.Classes:
                node.Engine.CrawlExpired(CrawlStep);
                output.Write(TextReplies.Ok);
                break;
            case CrawlerClassSelection.BadClass:
                output.Write(TextReplies.CrawlerBadClass);
                break;
            case CrawlerClassSelection.Empty:
                output.Write(TextReplies.CrawlerNotStarted);
                break;
            default:
                // 1.6.18 has no hash walk for the expiry crawler.
                output.Write(TextReplies.CrawlerUnknownError);
                break;
        }
    }

    private static void Metadump(NodeContext node, AdminSession session, ReadOnlySpan<byte> classList, OutputBuffer output)
    {
        if (!node.Tunables.LruCrawler)
        {
            output.Write(TextReplies.LruCrawlerDisabled);
            return;
        }

        if (node.Settings.DumpDisabled)
        {
            output.Write(TextReplies.MetadumpNotAllowed);
            return;
        }

        // memcached moves the connection to the crawler thread and cannot do so with replies still queued.
        if (output.Length > 0)
        {
            output.Write(TextReplies.MetadumpNotFirst);
            return;
        }

        Span<bool> classes = stackalloc bool[CrawlerClassList.MaxClasses];
        switch (CrawlerClassList.Parse(classList, classes))
        {
            case CrawlerClassSelection.BadClass:
                output.Write(TextReplies.CrawlerBadClass);
                break;
            case CrawlerClassSelection.Empty:
                output.Write(TextReplies.CrawlerNotStarted);
                break;
            default:
                session.Metadump.Start(classes);
                break;
        }
    }
}
