using System.Text;
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
}
