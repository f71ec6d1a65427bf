using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

public class TextRequestParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("get foo")]
    [InlineData("set k 0 0 1\r")]
    public void Line_without_newline_is_incomplete(string input)
    {
        Assert.Equal(ParseStatus.Incomplete, ParsedLine.Parse(input).Status);
    }

    [Fact]
    public void Bare_newline_ends_a_line_and_only_the_first_line_is_consumed()
    {
        var parsed = ParsedLine.Parse("get a\nget b\r\n");

        Assert.Equal(TextCommand.Get, parsed.Command);
        Assert.Equal("a", parsed.Key);
        Assert.Equal(6, parsed.LineLength);
    }

    [Fact]
    public void Carriage_return_before_newline_is_stripped_once()
    {
        Assert.Equal("k\r", ParsedLine.Parse("get k\r\r\n").Key);
    }

    [Fact]
    public void Get_lists_every_key_including_those_past_the_token_window()
    {
        string keys = string.Join(' ', Enumerable.Range(0, 40).Select(i => "key" + i));
        var parsed = ParsedLine.Parse("gets  " + keys + "\r\n");

        Assert.Equal(TextCommand.Gets, parsed.Command);
        Assert.Equal("key0", parsed.Key);
        Assert.Equal(keys, parsed.Arguments);
    }

    [Fact]
    public void Gat_reads_exptime_then_keys()
    {
        var parsed = ParsedLine.Parse("gats -5 a b\r\n");

        Assert.Equal(TextCommand.Gats, parsed.Command);
        Assert.Equal(-5, parsed.ExpTime);
        Assert.Equal("a", parsed.Key);
        Assert.Equal("a b", parsed.Arguments);
    }

    [Fact]
    public void Bget_is_get()
    {
        var parsed = ParsedLine.Parse("bget k\r\n");

        Assert.Equal(TextCommand.Get, parsed.Command);
        Assert.Equal("bget", parsed.CommandName);
    }

    [Theory]
    [InlineData("set", TextCommand.Set)]
    [InlineData("add", TextCommand.Add)]
    [InlineData("replace", TextCommand.Replace)]
    [InlineData("append", TextCommand.Append)]
    [InlineData("prepend", TextCommand.Prepend)]
    public void Storage_line_fills_key_flags_exptime_and_length(string name, TextCommand command)
    {
        var parsed = ParsedLine.Parse(name + " key 4294967295 -3 12\r\ndata");

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal(command, parsed.Command);
        Assert.Equal("key", parsed.Key);
        Assert.Equal(4294967295u, parsed.ClientFlags);
        Assert.Equal(-3, parsed.ExpTime);
        Assert.Equal(12, parsed.DataLength);
        Assert.False(parsed.NoReply);
        Assert.Equal(name.Length + 23, parsed.LineLength);
    }

    [Fact]
    public void Cas_line_fills_cas_unique_and_noreply()
    {
        var parsed = ParsedLine.Parse("cas k 1 2 3 18446744073709551615 noreply\r\n");

        Assert.Equal(TextCommand.Cas, parsed.Command);
        Assert.Equal(18446744073709551615UL, parsed.CasUnique);
        Assert.True(parsed.NoReply);
    }

    [Theory]
    [InlineData("set k 4294967296 0 1\r\n", 0u, 1)]
    [InlineData("set k 18446744073709551615 0 1\r\n", 4294967295u, 1)]
    [InlineData("set k 0 0 4294967297\r\n", 0u, 1)]
    [InlineData("set k 0 0 -4294967295\r\n", 0u, 1)]
    [InlineData("set k 0 0 4294967296\r\n", 0u, 0)]
    public void Storage_numbers_are_truncated_to_32_bits_like_memcached(string line, uint flags, int length)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(flags, parsed.ClientFlags);
        Assert.Equal(length, parsed.DataLength);
    }

    [Fact]
    public void Bad_storage_line_consumes_only_the_line()
    {
        var parsed = ParsedLine.Parse("set k 0 0 -1\r\nx\r\n");

        Assert.Equal(ParseStatus.Error, parsed.Status);
        Assert.Equal(14, parsed.LineLength);
        Assert.False(parsed.SwallowData);
    }

    [Fact]
    public void Incr_and_decr_fill_delta()
    {
        Assert.Equal(18446744073709551615UL, ParsedLine.Parse("incr k 18446744073709551615\r\n").Number);
        var decr = ParsedLine.Parse("decr k 7 noreply\r\n");
        Assert.Equal(TextCommand.Decr, decr.Command);
        Assert.Equal(7UL, decr.Number);
        Assert.True(decr.NoReply);
    }

    [Fact]
    public void Touch_fills_exptime()
    {
        var parsed = ParsedLine.Parse("touch k 100\r\n");

        Assert.Equal(TextCommand.Touch, parsed.Command);
        Assert.Equal("k", parsed.Key);
        Assert.Equal(100, parsed.ExpTime);
    }

    [Theory]
    [InlineData("delete k\r\n", false)]
    [InlineData("delete k 0\r\n", false)]
    [InlineData("delete k noreply\r\n", true)]
    [InlineData("delete k 0 noreply\r\n", true)]
    public void Delete_accepts_legacy_zero_hold_time(string line, bool noReply)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal("k", parsed.Key);
        Assert.Equal(noReply, parsed.NoReply);
    }

    [Theory]
    [InlineData("flush_all\r\n", false, 0L, 0UL, false)]
    [InlineData("flush_all 10\r\n", true, 10L, 10UL, false)]
    [InlineData("flush_all -1\r\n", true, -1L, 0UL, false)]
    [InlineData("flush_all 5 noreply\r\n", true, 5L, 5UL, true)]
    [InlineData("flush_all noreply\r\n", false, 0L, 0UL, true)]
    public void Flush_all_reads_an_optional_delay(string line, bool hasNumber, long exptime, ulong number, bool noReply)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(TextCommand.FlushAll, parsed.Command);
        Assert.Equal(hasNumber, parsed.HasNumber);
        Assert.Equal(exptime, parsed.ExpTime);
        Assert.Equal(number, parsed.Number);
        Assert.Equal(noReply, parsed.NoReply);
    }

    [Fact]
    public void Flush_all_error_still_names_the_command_for_cmd_flush()
    {
        var parsed = ParsedLine.Parse("flush_all abc\r\n");

        Assert.Equal(ParseStatus.Error, parsed.Status);
        Assert.Equal(TextCommand.FlushAll, parsed.Command);
    }

    [Fact]
    public void Verbosity_and_cache_memlimit_fill_number()
    {
        Assert.Equal(3UL, ParsedLine.Parse("verbosity 3\r\n").Number);
        var memlimit = ParsedLine.Parse("cache_memlimit 4294967304 noreply\r\n");
        Assert.Equal(TextCommand.CacheMemlimit, memlimit.Command);
        Assert.Equal(8UL, memlimit.Number);
        Assert.True(memlimit.NoReply);
    }

    [Theory]
    [InlineData("version\r\n", TextCommand.Version, "")]
    [InlineData("quit\r\n", TextCommand.Quit, "")]
    [InlineData("mn\r\n", TextCommand.MetaNoop, "")]
    [InlineData("stats\r\n", TextCommand.Stats, "")]
    [InlineData("stats  settings x\r\n", TextCommand.Stats, "settings x")]
    [InlineData("shutdown graceful\r\n", TextCommand.Shutdown, "graceful")]
    [InlineData("slabs reassign 1 2\r\n", TextCommand.Admin, "reassign 1 2")]
    [InlineData("lru_crawler metadump all\r\n", TextCommand.Admin, "metadump all")]
    [InlineData("lru tune 10 10 0.1 2\r\n", TextCommand.Admin, "tune 10 10 0.1 2")]
    [InlineData("watch fetchers\r\n", TextCommand.Admin, "fetchers")]
    [InlineData("misbehave\r\n", TextCommand.Admin, "")]
    [InlineData("debugtime 10\r\n", TextCommand.Admin, "10")]
    [InlineData("extstore item_size 10\r\n", TextCommand.Admin, "item_size 10")]
    [InlineData("refresh_certs\r\n", TextCommand.Admin, "")]
    public void Other_commands_keep_their_arguments(string line, TextCommand command, string arguments)
    {
        var parsed = ParsedLine.Parse(line);

        Assert.Equal(ParseStatus.Complete, parsed.Status);
        Assert.Equal(command, parsed.Command);
        Assert.Equal(arguments, parsed.Arguments);
        Assert.Equal(line[..line.IndexOfAny([' ', '\r'])], parsed.CommandName);
    }

    [Fact]
    public void Admin_reports_trailing_noreply()
    {
        Assert.True(ParsedLine.Parse("slabs automove 1 noreply\r\n").NoReply);
    }

    [Fact]
    public void Command_names_are_case_sensitive()
    {
        Assert.Equal("ERROR\r\n", ParsedLine.Parse("SET k 0 0 1\r\n").Outcome);
    }
}
