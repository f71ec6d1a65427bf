using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

/// <summary>Recorded on memcached 1.6.18 by sending N bytes without a newline and checking whether it hung up.</summary>
public class OverlongLineTests
{
    [Theory]
    [InlineData("set k 0 0 1 ", 2048, false)]
    [InlineData("set k 0 0 1 ", 2049, true)]
    [InlineData("get ", 5000, false)]
    [InlineData("gets ", 5000, false)]
    [InlineData("gat 0 ", 5000, true)]
    [InlineData("get\t", 5000, true)]
    [InlineData("GET ", 5000, true)]
    [InlineData("get", 5000, true)]
    [InlineData("mg ", 5000, true)]
    public void Line_without_newline_is_closed_unless_get_or_gets(string prefix, int total, bool close)
    {
        Assert.Equal(close, TextRequestParser.ShouldCloseOverlongLine(Filled(prefix, total)));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void At_most_100_leading_spaces_are_skipped(int spaces, bool close)
    {
        Assert.Equal(close, TextRequestParser.ShouldCloseOverlongLine(Filled(new string(' ', spaces) + "get ", 5000)));
    }

    [Fact]
    public void Buffer_holding_a_newline_is_never_closed()
    {
        var buffer = Filled("set ", 5000);
        buffer[4000] = (byte)'\n';

        Assert.False(TextRequestParser.ShouldCloseOverlongLine(buffer));
    }

    [Fact]
    public void All_spaces_is_closed()
    {
        Assert.True(TextRequestParser.ShouldCloseOverlongLine(Filled("", 3000, (byte)' ')));
    }

    private static byte[] Filled(string prefix, int total, byte fill = (byte)'a')
    {
        var buffer = new byte[total];
        buffer.AsSpan().Fill(fill);
        Encoding.Latin1.GetBytes(prefix).CopyTo(buffer, 0);
        return buffer;
    }
}
