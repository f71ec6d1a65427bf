using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>flush_all, version, verbosity, cache_memlimit, shutdown and the slab/LRU admin commands.</summary>
internal static class AdminCommands
{
    private const ulong MaxVerbosity = 2;

    /// <summary>flush_all [delay] [noreply]: everything stored up to the (delayed) flush point becomes invisible.</summary>
    public static void FlushAll(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        Interlocked.Increment(ref node.Statistics.CmdFlush);
        if (node.Settings.FlushDisabled)
        {
            Reply(ref request, "CLIENT_ERROR flush_all not allowed\r\n"u8, output);
            return;
        }

        Flush(node, request.ExpTime);
        Reply(ref request, "OK\r\n"u8, output);
    }

    /// <summary>The flush itself, shared by flush_all and binary FLUSH: a delay that is not positive means "now", as in memcached.</summary>
    public static void Flush(NodeContext node, long delay)
        => node.Engine.FlushAll(delay > 0 ? node.Engine.ToRelativeExpTime(delay) : 0);

    public static void Version(OutputBuffer output)
    {
        output.Write("VERSION "u8);
        output.WriteAscii(NodeVersion.Number);
        output.WriteCrLf();
    }

    public static void Verbosity(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        // memcached clamps the level to its MAX_VERBOSITY_LEVEL (2); "stats settings" shows the clamped value.
        node.Verbosity = (int)Math.Min(request.Number, MaxVerbosity);
        Reply(ref request, "OK\r\n"u8, output);
    }

    /// <summary>cache_memlimit &lt;megabytes&gt;: memcached refuses less than 8 MB.</summary>
    public static void CacheMemlimit(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        if (request.Number < 8)
        {
            Reply(ref request, "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n"u8, output);
            return;
        }

        long bytes = (long)Math.Min(request.Number, long.MaxValue / (1024 * 1024)) * 1024 * 1024;
        if (!node.Engine.TrySetMemoryLimit(bytes))
        {
            Reply(ref request, "MEMLIMIT_ADJUST_FAILED out of bounds or unable to adjust\r\n"u8, output);
            return;
        }

        node.MemoryLimitBytes = bytes;
        Reply(ref request, "OK\r\n"u8, output);
    }

    /// <summary>shutdown [graceful]: only with -A. Returns true when the connection should close.</summary>
    public static bool Shutdown(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        if (!node.Settings.ShutdownEnabled)
        {
            output.Write("ERROR: shutdown not enabled\r\n"u8);
            return false;
        }

        var args = new TokenReader(request.Arguments);
        if (args.TryRead(out var mode) && !mode.SequenceEqual("graceful"u8))
        {
            output.Write("CLIENT_ERROR invalid shutdown mode\r\n"u8);
            return false;
        }

        node.RequestShutdown?.Invoke();
        return true;
    }

    /// <summary>slabs, lru, lru_crawler, watch, extstore, refresh_certs, misbehave, debugtime: memcached 1.6.18's replies.</summary>
    public static void Admin(NodeContext node, MemcachedSizing sizing, AdminSession session, ref TextRequest request, OutputBuffer output)
    {
        var name = request.CommandName;
        if (name.SequenceEqual("slabs"u8))
        {
            SlabsCommand.Execute(node, sizing, ref request, output);
        }
        else if (name.SequenceEqual("lru"u8))
        {
            LruCommand.Execute(node, ref request, output);
        }
        else if (name.SequenceEqual("lru_crawler"u8))
        {
            LruCrawlerCommand.Execute(node, session, ref request, output);
        }
        else if (name.SequenceEqual("watch"u8))
        {
            WatchCommand.Execute(node, session, ref request, output);
        }
        else if (name.SequenceEqual("extstore"u8))
        {
            ExtstoreCommand.Execute(ref request, output);
        }
        else if (name.SequenceEqual("refresh_certs"u8))
        {
            // The reference build has TLS compiled in but not enabled; this reply ignores noreply there too.
            output.Write(TextReplies.TlsNotEnabled);
        }
        else
        {
            // misbehave and debugtime exist only in memcached-debug builds; the packaged 1.6.18 answers ERROR.
            output.Write(TextReplies.Error);
        }
    }

    private static void Reply(ref TextRequest request, ReadOnlySpan<byte> reply, OutputBuffer output)
    {
        if (!request.NoReply)
        {
            output.Write(reply);
        }
    }
}
