using System.Text;
using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Tests.Backends;

public sealed class ReplyFramerTests
{
    [Theory]
    [InlineData("STORED\r\n", ReplyKind.Line, 8)]
    [InlineData("STORED\r\nNOT_FOUND\r\n", ReplyKind.Line, 8)]
    [InlineData("STOR", ReplyKind.Line, ReplyFramer.NeedMore)]
    [InlineData("END\r\n", ReplyKind.Retrieval, 5)]
    [InlineData("VALUE k 0 1\r\nv\r\nEND\r\n", ReplyKind.Retrieval, 21)]
    [InlineData("VALUE k 0 1 99\r\nv\r\nVALUE j 5 2 100\r\nab\r\nEND\r\nSTORED\r\n", ReplyKind.Retrieval, 45)]
    [InlineData("VALUE k 0 10\r\nv\r\nEND\r\n", ReplyKind.Retrieval, ReplyFramer.NeedMore)]
    [InlineData("VALUE k 0 7\r\n\r\nEND\r\n\r\nEND\r\n", ReplyKind.Retrieval, 27)]
    [InlineData("SERVER_ERROR out of memory\r\n", ReplyKind.Retrieval, 28)]
    [InlineData("ERROR\r\n", ReplyKind.Retrieval, 7)]
    [InlineData("VALUE k 0 x\r\n", ReplyKind.Retrieval, ReplyFramer.Malformed)]
    [InlineData("VALUE k 0 1\r\nvX\r\nEND\r\n", ReplyKind.Retrieval, ReplyFramer.Malformed)]
    [InlineData("STORED\r\n", ReplyKind.Retrieval, ReplyFramer.Malformed)]
    [InlineData("STAT pid 1\r\nSTAT uptime 2\r\nEND\r\n", ReplyKind.Stats, 32)]
    [InlineData("STAT pid 1\r\n", ReplyKind.Stats, ReplyFramer.NeedMore)]
    [InlineData("VA 2 f0\r\nhi\r\n", ReplyKind.Meta, 13)]
    [InlineData("VA 2 f0\r\nh", ReplyKind.Meta, ReplyFramer.NeedMore)]
    [InlineData("HD\r\n", ReplyKind.Meta, 4)]
    [InlineData("EN\r\n", ReplyKind.Meta, 4)]
    [InlineData("MN\r\n", ReplyKind.Meta, 4)]
    [InlineData("STORED\n", ReplyKind.Line, ReplyFramer.Malformed)]
    public void Finds_the_end_of_the_first_reply(string bytes, ReplyKind kind, int expected)
    {
        Assert.Equal(expected, ReplyFramer.FindEnd(Encoding.ASCII.GetBytes(bytes), kind));
    }

    [Fact]
    public void Every_prefix_of_a_reply_needs_more()
    {
        byte[] reply = Encoding.ASCII.GetBytes("VALUE a 1 3 7\r\nabc\r\nVALUE b 2 0 8\r\n\r\nEND\r\n");
        for (int length = 0; length < reply.Length; length++)
        {
            Assert.Equal(ReplyFramer.NeedMore, ReplyFramer.FindEnd(reply.AsSpan(0, length), ReplyKind.Retrieval));
        }

        Assert.Equal(reply.Length, ReplyFramer.FindEnd(reply, ReplyKind.Retrieval));
    }
}
