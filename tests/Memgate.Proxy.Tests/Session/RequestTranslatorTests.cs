using System.Text;
using Memgate.Protocol.Text;
using Memgate.Proxy.Routing;
using Memgate.Proxy.Session;

namespace Memgate.Proxy.Tests.Session;

public sealed class RequestTranslatorTests
{
    [Theory]
    [InlineData("set k 0 0 1 noreply", true, int.MaxValue, "set k 0 0 1\r\n")]
    [InlineData("delete  k   noreply", true, int.MaxValue, "delete k\r\n")]
    [InlineData("mg k v q k", false, 2, "mg k v k\r\n")]
    [InlineData("ms k 2 q T0", false, 3, "ms k 2 T0\r\n")]
    [InlineData("mg q v", false, 2, "mg q v\r\n")]
    public void Backend_line_drops_noreply_and_quiet_flags(string line, bool dropLast, int metaFlagStart, string expected)
    {
        byte[] destination = new byte[128];
        int length = RequestTranslator.WriteLine(Encoding.ASCII.GetBytes(line), dropLast, metaFlagStart, destination);
        Assert.Equal(expected, Encoding.ASCII.GetString(destination, 0, length));
    }

    [Theory]
    [InlineData("gat 100 a b", true, 100)]
    [InlineData("gats -1 a", true, -1)]
    [InlineData("mg k T300 v q", true, 300)]
    [InlineData("mg k v t", false, 0)]
    [InlineData("get a b", false, 0)]
    [InlineData("touch k 5", false, 0)]
    public void Touching_reads_carry_their_ttl(string line, bool touches, long ttl)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        var request = default(TextRequest);
        Assert.Equal(ParseStatus.Complete, TextRequestParser.Parse(bytes, ref request, new byte[512]));
        using ProxyRequest translated = RequestTranslator.Translate(ref request, bytes.AsSpan(0, line.Length), default);
        Assert.Equal(touches, translated.Touches);
        Assert.Equal(ttl, translated.TouchTtl);
    }
}
