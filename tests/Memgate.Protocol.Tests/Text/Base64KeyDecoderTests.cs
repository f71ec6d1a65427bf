using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

public class Base64KeyDecoderTests
{
    [Theory]
    [InlineData("a2V5", "key")]
    [InlineData("a!2V5", "key")]
    [InlineData("YQ==", "a")]
    [InlineData("YWI=", "ab")]
    [InlineData("AA==AAAA", "\0")]
    [InlineData("A=AA", "\0\0")]
    [InlineData("k", null)]
    [InlineData("YQ", null)]
    [InlineData("a2V5=", null)]
    [InlineData("====", null)]
    [InlineData("A===", null)]
    [InlineData("!!!!", null)]
    public void Decodes_like_memcached(string encoded, string? expected)
    {
        Span<byte> output = stackalloc byte[64];
        int length = Base64KeyDecoder.Decode(Encoding.Latin1.GetBytes(encoded), output);

        Assert.Equal(expected, length == 0 ? null : Encoding.Latin1.GetString(output[..length]));
    }
}
