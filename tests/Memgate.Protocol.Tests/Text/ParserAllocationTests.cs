using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

/// <summary>Counts bytes, not time: the hot-path lines must parse without touching the GC heap.</summary>
public class ParserAllocationTests
{
    [Theory]
    [InlineData("get key1 key2 key3\r\n")]
    [InlineData("gets key1\r\n")]
    [InlineData("set key 5 0 10 noreply\r\n")]
    [InlineData("mg key v f t c k Oabc q\r\n")]
    [InlineData("ms a2V5 10 T30 F5 C7 MS b\r\n")]
    [InlineData("set k 0 0 -1\r\n")]
    [InlineData("mg k v v\r\n")]
    public void Parsing_allocates_nothing(string line)
    {
        byte[] input = Encoding.ASCII.GetBytes(line);
        byte[] scratch = new byte[256];
        ParseMany(input, scratch, 10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ParseMany(input, scratch, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void ParseMany(byte[] input, byte[] scratch, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var request = default(TextRequest);
            TextRequestParser.Parse(input, ref request, scratch);
        }
    }
}
