using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

public class MetaCommandParsingTests
{
    [Fact]
    public void Meta_get_collects_every_flag_and_value()
    {
        var parsed = ParsedLine.Parse("mg a2V5 b c f h k l Oabc q s t u v N30 R-5 T4294967297 P L\r\n");

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal(TextCommand.MetaGet, parsed.Command);
        Assert.Equal("key", parsed.Key);
        Assert.Equal("LNOPRTbcfhklqstuv", parsed.MetaFlagsPresent);
        Assert.Equal("abc", parsed.Opaque);
        Assert.Equal(30, parsed.VivifyTtl);
        Assert.Equal(-5, parsed.RecacheTtl);
        Assert.Equal(1, parsed.Ttl);
        Assert.Equal("b c f h k l Oabc q s t u v N30 R-5 T4294967297 P L", parsed.MetaRaw);
    }

    [Theory]
    [InlineData("mg k O12345678901234567890123456789012 N30\r\n")]
    [InlineData("ma k O12345678901234567890123456789012\r\n")]
    public void Over_long_opaque_of_mg_and_ma_is_left_to_the_executor(string line)
    {
        // memcached applies vivify/TTL/delta first and reports the opaque while writing the reply.
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal(32, parsed.Opaque.Length);
    }

    [Fact]
    public void Meta_get_without_flags_is_complete()
    {
        var parsed = ParsedLine.Parse("mg key\r\n");

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal("", parsed.MetaFlagsPresent);
        Assert.Equal("", parsed.MetaRaw);
    }

    [Fact]
    public void Meta_set_fills_length_and_storage_flags()
    {
        var parsed = ParsedLine.Parse("ms key 5 F4294967295 C99 T-1 MA I k c O1 q s N10\r\nhello\r\n");

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal(TextCommand.MetaSet, parsed.Command);
        Assert.Equal(5, parsed.DataLength);
        Assert.Equal(4294967295u, parsed.MetaClientFlags);
        Assert.Equal(99UL, parsed.CompareCas);
        Assert.Equal(-1, parsed.Ttl);
        Assert.Equal('A', parsed.Mode);
        Assert.Equal("O1 k c", ParsedLine.Parse("ms key 5 O1 k c\r\n").MetaRaw);
        Assert.Equal("CFIMNOTckqs", parsed.MetaFlagsPresent);
    }

    [Theory]
    [InlineData('E')]
    [InlineData('A')]
    [InlineData('P')]
    [InlineData('R')]
    [InlineData('S')]
    public void Meta_set_accepts_its_modes(char mode)
    {
        Assert.Equal(mode, ParsedLine.Parse($"ms k 1 M{mode}\r\n").Mode);
    }

    [Fact]
    public void Meta_set_error_after_the_length_swallows_the_data()
    {
        var parsed = ParsedLine.Parse("ms k 2 MX\r\nhi\r\n");

        Assert.Equal(ParseStatus.Error, parsed.Status);
        Assert.True(parsed.SwallowData);
        Assert.Equal(2, parsed.DataLength);
    }

    [Theory]
    [InlineData("ms k abc\r\n")]
    [InlineData("ms k 2 a b c d e f g h i j k l m n o p q\r\n")]
    [InlineData("ms k\r\n")]
    public void Meta_set_error_before_the_length_does_not_swallow(string line)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(ParseStatus.Error, parsed.Status);
        Assert.False(parsed.SwallowData);
    }

    [Fact]
    public void Meta_arithmetic_defaults_delta_to_one()
    {
        var parsed = ParsedLine.Parse("ma k\r\n");

        Assert.Equal(TextCommand.MetaArithmetic, parsed.Command);
        Assert.Equal(1UL, parsed.Delta);
        Assert.Equal(0UL, parsed.Initial);
        Assert.Equal('\0', parsed.Mode);
    }

    [Fact]
    public void Meta_arithmetic_reads_delta_initial_mode_and_vivify()
    {
        var parsed = ParsedLine.Parse("ma k D18446744073709551615 J7 M- N60 T5 C3 q t c v k O9\r\n");

        Assert.Equal(18446744073709551615UL, parsed.Delta);
        Assert.Equal(7UL, parsed.Initial);
        Assert.Equal('-', parsed.Mode);
        Assert.Equal(60, parsed.VivifyTtl);
        Assert.Equal(5, parsed.Ttl);
        Assert.Equal(3UL, parsed.CompareCas);
        Assert.Equal("9", parsed.Opaque);
    }

    [Fact]
    public void Meta_delete_reads_stale_ttl_and_cas()
    {
        var parsed = ParsedLine.Parse("md k I T30 C12 q k O1\r\n");

        Assert.Equal(TextCommand.MetaDelete, parsed.Command);
        Assert.Equal("CIOTkq", parsed.MetaFlagsPresent);
        Assert.Equal(30, parsed.Ttl);
        Assert.Equal(12UL, parsed.CompareCas);
    }

    [Theory]
    [InlineData("mg a2V5 b v\r\n")]
    [InlineData("ms a2V5 1 b\r\n")]
    [InlineData("md a2V5 b\r\n")]
    [InlineData("ma a2V5 b\r\n")]
    [InlineData("me a2V5 b\r\n")]
    public void Base64_key_is_decoded(string line)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal("key", parsed.Key);
        Assert.Contains("b", parsed.MetaFlagsPresent, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_debug_keeps_a_plain_key()
    {
        var parsed = ParsedLine.Parse("me key\r\n");

        Assert.Equal(TextCommand.MetaDebug, parsed.Command);
        Assert.Equal("key", parsed.Key);
    }
}
