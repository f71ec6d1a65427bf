using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>flush_all, version, verbosity, cache_memlimit, shutdown and the slab/LRU admin commands.</summary>
internal static class AdminCommands
{
    /// <summary>flush_all [delay] [noreply]: everything stored up to the (delayed) flush point becomes invisible.</summary>
    public static void FlushAll(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        Interlocked.Increment(ref node.Statistics.CmdFlush);
        if (node.Settings.FlushDisabled)
        {
            Reply(ref request, "CLIENT_ERROR flush_all not allowed\r\n"u8, output);
            return;
        }

        // A delay that is not positive means "now", as in memcached.
        long delay = request.ExpTime;
        node.Engine.FlushAll(delay > 0 ? node.Engine.ToRelativeExpTime(delay) : 0);
        Reply(ref request, "OK\r\n"u8, output);
    }

    public static void Version(OutputBuffer output)
    {
        output.Write("VERSION "u8);
        output.WriteAscii(NodeVersion.Number);
        output.WriteCrLf();
    }

    public static void Verbosity(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        node.Verbosity = (int)Math.Min(request.Number, int.MaxValue);
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

    /// <summary>slabs/lru/lru_crawler/watch: the engine has no slab mover or segmented LRU, so the tunables are accepted.</summary>
    public static void Admin(ref TextRequest request, OutputBuffer output)
    {
        Reply(ref request, "OK\r\n"u8, output);
    }

    private static void Reply(ref TextRequest request, ReadOnlySpan<byte> reply, OutputBuffer output)
    {
        if (!request.NoReply)
        {
            output.Write(reply);
        }
    }
}
