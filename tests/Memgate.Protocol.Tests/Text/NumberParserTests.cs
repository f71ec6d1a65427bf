using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

public class NumberParserTests
{
    [Theory]
    [InlineData("0", true, 0UL)]
    [InlineData("+5", true, 5UL)]
    [InlineData("-0", true, 0UL)]
    [InlineData("\t7", true, 7UL)]
    [InlineData("7\tjunk", true, 7UL)]
    [InlineData("7\r", true, 7UL)]
    [InlineData("18446744073709551615", true, 18446744073709551615UL)]
    [InlineData("18446744073709551616", false, 0UL)]
    [InlineData("-1", false, 0UL)]
    [InlineData("-18446744073709551615", true, 1UL)]
    [InlineData("", false, 0UL)]
    [InlineData("+", false, 0UL)]
    [InlineData("1x", false, 0UL)]
    [InlineData("0x10", false, 0UL)]
    [InlineData("abc", false, 0UL)]
    public void Unsigned_64_follows_safe_strtoull(string text, bool ok, ulong expected)
    {
        Assert.Equal(ok, NumberParser.TryParseUInt64(Encoding.Latin1.GetBytes(text), out ulong value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("4294967295", true, 4294967295u)]
    [InlineData("4294967296", true, 0u)]
    [InlineData("9223372036854775808", true, 0u)]
    [InlineData("-1", false, 0u)]
    public void Unsigned_32_truncates_like_safe_strtoul(string text, bool ok, uint expected)
    {
        Assert.Equal(ok, NumberParser.TryParseUInt32(Encoding.Latin1.GetBytes(text), out uint value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-1", true, -1)]
    [InlineData("2147483648", true, int.MinValue)]
    [InlineData("4294967297", true, 1)]
    [InlineData("-4294967295", true, 1)]
    [InlineData("9223372036854775807", true, -1)]
    [InlineData("9223372036854775808", false, 0)]
    [InlineData("-9223372036854775808", true, 0)]
    [InlineData("-9223372036854775809", false, 0)]
    public void Signed_32_truncates_like_safe_strtol(string text, bool ok, int expected)
    {
        Assert.Equal(ok, NumberParser.TryParseInt32(Encoding.Latin1.GetBytes(text), out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("9223372036854775808", false, 0L)]
    public void Signed_64_follows_safe_strtoll(string text, bool ok, long expected)
    {
        Assert.Equal(ok, NumberParser.TryParseInt64(Encoding.Latin1.GetBytes(text), out long value));
        Assert.Equal(expected, value);
    }
}
