using Memgate.Node.Stats;
using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>
/// STAT (memcached's process_bin_stat): the text stats writers produce "STAT name value" lines, which are re-framed
/// as one response per line plus an empty-key terminator, so both protocols report the same fields in the same order.
/// </summary>
internal static class BinaryStats
{
    public static void Execute(NodeContext node, BinaryRequest request, OutputBuffer scratch, OutputBuffer output)
    {
        var header = request.Header;
        var key = request.Key;
        scratch.Clear();

        // memcached matches reset, settings and detail by prefix (strncmp) and the rest exactly.
        if (key.IsEmpty)
        {
            GeneralStats.Write(node, scratch);
        }
        else if (key.StartsWith("reset"u8))
        {
            StatsCommand.ResetAll(node);
            scratch.Write("END\r\n"u8);
        }
        else if (key.StartsWith("settings"u8))
        {
            StatsCommand.TryWriteNamed(node, "settings"u8, scratch);
        }
        else if (key.StartsWith("detail"u8))
        {
            var mode = key[6..];
            if (mode.StartsWith(" dump"u8))
            {
                // No per-prefix statistics are kept, so the dump is the empty one memcached sends.
                Transcode("detailed"u8, "END\r\n"u8, header, output);
                WriteTerminator(header, output);
                return;
            }

            if (!mode.StartsWith(" on"u8) && !mode.StartsWith(" off"u8))
            {
                BinaryReply.Error(output, header, BinaryStatus.KeyNotFound);
                return;
            }

            scratch.Write("END\r\n"u8);
        }
        else if (!StatsCommand.TryWriteNamed(node, key, scratch))
        {
            BinaryReply.Error(output, header, BinaryStatus.KeyNotFound);
            return;
        }

        Reframe(scratch.WrittenSpan, header, output);
        scratch.Clear();
    }

    /// <summary>Turns "STAT name value\r\n" lines into stat responses and "END\r\n" into the terminator.</summary>
    private static void Reframe(ReadOnlySpan<byte> text, in BinaryHeader header, OutputBuffer output)
    {
        while (!text.IsEmpty)
        {
            int end = text.IndexOf("\r\n"u8);
            if (end < 0)
            {
                break;
            }

            var line = text[..end];
            text = text[(end + 2)..];
            if (!line.StartsWith("STAT "u8))
            {
                WriteTerminator(header, output);
                continue;
            }

            line = line[5..];
            int space = line.IndexOf((byte)' ');
            var name = space < 0 ? line : line[..space];
            var value = space < 0 ? default : line[(space + 1)..];
            Transcode(name, value, header, output);
        }
    }

    private static void Transcode(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, in BinaryHeader header, OutputBuffer output)
    {
        BinaryResponseWriter.WriteHeader(output, (byte)BinaryOpcode.Stat, BinaryStatus.Success, name.Length, 0, name.Length + value.Length, header.Opaque, 0);
        output.Write(name);
        output.Write(value);
    }

    private static void WriteTerminator(in BinaryHeader header, OutputBuffer output)
        => BinaryResponseWriter.WriteHeader(output, (byte)BinaryOpcode.Stat, BinaryStatus.Success, 0, 0, 0, header.Opaque, 0);
}
