using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Stats;

/// <summary>stats [settings|items|slabs|sizes|conns|detail|reset|cachedump].</summary>
internal static class StatsCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var args = new TokenReader(request.Arguments);
        if (!args.TryRead(out var sub))
        {
            GeneralStats.Write(node, output);
            return;
        }

        if (sub.SequenceEqual("settings"u8))
        {
            SettingsStats.Write(node.Settings with { Verbosity = node.Verbosity, MemoryLimitBytes = node.MemoryLimitBytes }, output);
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
        else if (sub.SequenceEqual("conns"u8))
        {
            ConnectionStats.Write(node, output);
        }
        else if (sub.SequenceEqual("reset"u8))
        {
            node.Statistics.Reset();
            node.ServerStatistics.Reset();
            node.Engine.ResetStatistics();
            output.Write("RESET\r\n"u8);
        }
        else if (sub.SequenceEqual("detail"u8))
        {
            WriteDetail(node, ref args, output);
        }
        else
        {
            output.Write("ERROR\r\n"u8);
        }
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
