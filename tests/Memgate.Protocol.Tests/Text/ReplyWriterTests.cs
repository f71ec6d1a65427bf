using System.Buffers;
using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

public class ReplyWriterTests
{
    [Fact]
    public void Value_header_without_and_with_cas()
    {
        var writer = new ArrayBufferWriter<byte>();

        ReplyWriter.WriteValueHeader(writer, "k"u8, 4294967295, 0);
        ReplyWriter.WriteValueHeader(writer, "key"u8, 0, 10, 18446744073709551615);

        Assert.Equal("VALUE k 4294967295 0\r\nVALUE key 0 10 18446744073709551615\r\n", Text(writer));
    }

    [Fact]
    public void Stat_lines_and_numbers()
    {
        var writer = new ArrayBufferWriter<byte>();

        ReplyWriter.WriteStat(writer, "pid"u8, 42UL);
        ReplyWriter.WriteStat(writer, "delta"u8, -7L);
        ReplyWriter.WriteStat(writer, "version"u8, "1.6.18"u8);
        ReplyWriter.WriteNumberLine(writer, 0);
        ReplyWriter.WriteNumber(writer, long.MinValue);

        Assert.Equal("STAT pid 42\r\nSTAT delta -7\r\nSTAT version 1.6.18\r\n0\r\n-9223372036854775808", Text(writer));
    }

    [Fact]
    public void Reply_literals_end_with_crlf()
    {
        Assert.Equal("STORED\r\n", Encoding.ASCII.GetString(TextReplies.Stored));
        Assert.Equal("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n", Encoding.ASCII.GetString(TextReplies.DeleteUsage));
    }

    private static string Text(ArrayBufferWriter<byte> writer) => Encoding.ASCII.GetString(writer.WrittenSpan);
}
