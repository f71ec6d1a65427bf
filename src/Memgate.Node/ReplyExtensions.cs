using System.Buffers.Text;
using Memgate.Server;

namespace Memgate.Node;

/// <summary>Formatting of reply tokens straight into the output buffer, without allocations.</summary>
internal static class ReplyExtensions
{
    public static void WriteNumber(this OutputBuffer output, ulong value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        output.Advance(written);
    }

    public static void WriteNumber(this OutputBuffer output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        output.Advance(written);
    }

    public static void WriteByte(this OutputBuffer output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteCrLf(this OutputBuffer output) => output.Write("\r\n"u8);

    /// <summary>Writes " &lt;flag&gt;" as meta replies do before each returned flag.</summary>
    public static void WriteMetaFlag(this OutputBuffer output, byte flag)
    {
        var span = output.GetSpan(2);
        span[0] = (byte)' ';
        span[1] = flag;
        output.Advance(2);
    }

    /// <summary>Writes "STAT name value\r\n".</summary>
    public static void WriteStat(this OutputBuffer output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        output.Write("STAT "u8);
        output.Write(name);
        output.WriteByte((byte)' ');
        output.Write(value);
        output.WriteCrLf();
    }

    public static void WriteStat(this OutputBuffer output, ReadOnlySpan<byte> name, long value)
    {
        output.Write("STAT "u8);
        output.Write(name);
        output.WriteByte((byte)' ');
        output.WriteNumber(value);
        output.WriteCrLf();
    }

    public static void WriteStat(this OutputBuffer output, string name, string value)
    {
        output.Write("STAT "u8);
        output.WriteAscii(name);
        output.WriteByte((byte)' ');
        output.WriteAscii(value);
        output.WriteCrLf();
    }

    /// <summary>Writes "STAT &lt;prefix&gt;&lt;class&gt;:&lt;name&gt; &lt;value&gt;\r\n", the per-class lines of stats items and stats slabs.</summary>
    public static void WriteClassStat(this OutputBuffer output, ReadOnlySpan<byte> prefix, int classId, string name, long value)
    {
        output.Write("STAT "u8);
        output.Write(prefix);
        output.WriteNumber((long)classId);
        output.WriteByte((byte)':');
        output.WriteAscii(name);
        output.WriteByte((byte)' ');
        output.WriteNumber(value);
        output.WriteCrLf();
    }

    public static void WriteAscii(this OutputBuffer output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
