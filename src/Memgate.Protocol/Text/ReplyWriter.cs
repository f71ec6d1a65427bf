using System.Buffers;
using System.Buffers.Text;

namespace Memgate.Protocol.Text;

/// <summary>Writes text-protocol reply pieces into an <see cref="IBufferWriter{T}"/> without allocating.</summary>
public static class ReplyWriter
{
    /// <summary>Longest decimal ulong/long ("-9223372036854775808" and "18446744073709551615" are 20 bytes).</summary>
    private const int MaxNumberLength = 20;

    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(bytes);
    }

    public static void WriteCrLf(IBufferWriter<byte> writer) => Write(writer, TextReplies.CrLf);

    public static void WriteNumber(IBufferWriter<byte> writer, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(MaxNumberLength);
        Utf8Formatter.TryFormat(value, span, out int written);
        writer.Advance(written);
    }

    public static void WriteNumber(IBufferWriter<byte> writer, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(MaxNumberLength);
        Utf8Formatter.TryFormat(value, span, out int written);
        writer.Advance(written);
    }

    public static void WriteNumber(IBufferWriter<byte> writer, uint value) => WriteNumber(writer, (ulong)value);

    /// <summary>"&lt;value&gt;\r\n", the reply of incr/decr.</summary>
    public static void WriteNumberLine(IBufferWriter<byte> writer, ulong value)
    {
        WriteNumber(writer, value);
        WriteCrLf(writer);
    }

    /// <summary>"VALUE &lt;key&gt; &lt;flags&gt; &lt;bytes&gt;\r\n" (get).</summary>
    public static void WriteValueHeader(IBufferWriter<byte> writer, ReadOnlySpan<byte> key, uint flags, int bytes)
    {
        WriteValueHeaderStart(writer, key, flags, bytes);
        WriteCrLf(writer);
    }

    /// <summary>"VALUE &lt;key&gt; &lt;flags&gt; &lt;bytes&gt; &lt;cas&gt;\r\n" (gets/gats).</summary>
    public static void WriteValueHeader(IBufferWriter<byte> writer, ReadOnlySpan<byte> key, uint flags, int bytes, ulong cas)
    {
        WriteValueHeaderStart(writer, key, flags, bytes);
        Write(writer, " "u8);
        WriteNumber(writer, cas);
        WriteCrLf(writer);
    }

    /// <summary>"STAT &lt;name&gt; &lt;value&gt;\r\n".</summary>
    public static void WriteStat(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        WriteStatStart(writer, name);
        Write(writer, value);
        WriteCrLf(writer);
    }

    public static void WriteStat(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ulong value)
    {
        WriteStatStart(writer, name);
        WriteNumber(writer, value);
        WriteCrLf(writer);
    }

    public static void WriteStat(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, long value)
    {
        WriteStatStart(writer, name);
        WriteNumber(writer, value);
        WriteCrLf(writer);
    }

    private static void WriteValueHeaderStart(IBufferWriter<byte> writer, ReadOnlySpan<byte> key, uint flags, int bytes)
    {
        Write(writer, TextReplies.ValuePrefix);
        Write(writer, key);
        Write(writer, " "u8);
        WriteNumber(writer, flags);
        Write(writer, " "u8);
        WriteNumber(writer, (long)bytes);
    }

    private static void WriteStatStart(IBufferWriter<byte> writer, ReadOnlySpan<byte> name)
    {
        Write(writer, TextReplies.StatPrefix);
        Write(writer, name);
        Write(writer, " "u8);
    }
}
