using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Stats;

/// <summary>stats [settings|items|slabs|sizes|conns|detail|reset|cachedump|memgate].</summary>
internal static class StatsCommand
{
    public static void Execute(NodeContext node, MemcachedSizing sizing, ref TextRequest request, OutputBuffer output)
    {
        var args = new TokenReader(request.Arguments);
        if (!args.TryRead(out var sub))
        {
            GeneralStats.Write(node, output);
            return;
        }

        if (TryWriteNamed(node, sub, output))
        {
            return;
        }

        if (sub.SequenceEqual("conns"u8))
        {
            ConnectionStats.Write(node, output);
        }
        else if (sub.SequenceEqual("reset"u8))
        {
            ResetAll(node);
            output.Write("RESET\r\n"u8);
        }
        else if (sub.SequenceEqual("detail"u8))
        {
            WriteDetail(node, ref args, output);
        }
        else if (sub.SequenceEqual("cachedump"u8))
        {
            CacheDump.Write(node, sizing, ref args, output);
        }
        else
        {
            output.Write("ERROR\r\n"u8);
        }
    }

    /// <summary>
    /// Writes the "STAT ...\r\n" lines and "END\r\n" of the sub-statistics both protocols serve the same way
    /// (settings, items, slabs, sizes, and memgate's own "memgate"); false if <paramref name="sub"/> is none of them.
    /// </summary>
    public static bool TryWriteNamed(NodeContext node, ReadOnlySpan<byte> sub, OutputBuffer output)
    {
        if (sub.SequenceEqual("settings"u8))
        {
            SettingsStats.Write(node.Tunables.ApplyTo(node.Settings) with { Verbosity = node.Verbosity, MemoryLimitBytes = node.MemoryLimitBytes }, output);
            output.Write("END\r\n"u8);
        }
        else if (sub.SequenceEqual("items"u8))
        {
            ItemStats.Write(node.Engine.GetStatistics(), output);
        }
        else if (sub.SequenceEqual("slabs"u8))
        {
            SlabStats.Write(node.Engine.GetStatistics(), output);
        }
        else if (sub.SequenceEqual("sizes"u8))
        {
            output.Write("STAT sizes_status disabled\r\nEND\r\n"u8);
        }
        else if (sub.SequenceEqual("memgate"u8))
        {
            // memgate's extension; see MemgateStats for why it is not part of plain "stats".
            MemgateStats.Write(node, output);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>stats reset: every counter memcached resets.</summary>
    public static void ResetAll(NodeContext node)
    {
        node.Statistics.Reset();
        node.ServerStatistics.Reset();
        node.Engine.ResetStatistics();
    }

    private static void WriteDetail(NodeContext node, ref TokenReader args, OutputBuffer output)
    {
        if (node.Settings.DumpDisabled)
        {
            output.Write("CLIENT_ERROR stats detail not allowed\r\n"u8);
        }
        else if (!args.TryRead(out var mode))
        {
            output.Write("CLIENT_ERROR usage: stats detail on|off|dump\r\n"u8);
        }
        else if (mode.SequenceEqual("on"u8) || mode.SequenceEqual("off"u8))
        {
            output.Write("OK\r\n"u8);
        }
        else if (mode.SequenceEqual("dump"u8))
        {
            output.Write("END\r\n"u8);
        }
        else
        {
            output.Write("CLIENT_ERROR usage: stats detail on|off|dump\r\n"u8);
        }
    }
}
