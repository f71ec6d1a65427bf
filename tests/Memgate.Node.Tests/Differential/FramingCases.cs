using System.Text;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: line framing, pipelining, garbage, closing rules, binary on a fresh connection.</summary>
public static class FramingCases
{
    public static IEnumerable<DiffCase> All()
    {
        var pipeline = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            pipeline.Append("set p").Append(i % 7).Append(" 0 0 1\r\n").Append((char)('a' + (i % 26))).Append("\r\nget p").Append(i % 7).Append("\r\nincr p").Append(i % 5).Append(" 1\r\n");
        }

        yield return new DiffCase("pipelined_commands_reply_in_order").Send(pipeline.ToString());
        yield return new DiffCase("bare_newline_terminates_commands").Send("set k 0 0 1\na\r\nget k\nget k\r\n");
        yield return new DiffCase("unknown_and_uppercase_commands_return_ERROR").Send("foo\r\nGET k\r\nSet k 0 0 1\r\nbogus command line\r\n");
        yield return new DiffCase("empty_and_blank_lines_return_ERROR").Send("\r\n \r\n\n   \r\n");
        yield return new DiffCase("runs_of_spaces_separate_tokens").Send("set  k  0  0  1 \r\na\r\nget   k  \r\n   get k\r\n");
        yield return new DiffCase("tab_is_not_a_separator").Send("set\tk 0 0 1\r\na\r\nget\tk\r\n");
        yield return new DiffCase("garbage_bytes_return_ERROR").Send("\u0001\u0002\u00ff\u00fe garbage\r\n\u0000\r\n\u007f\u0080\r\nget k\r\n");
        yield return new DiffCase("command_split_across_packets_is_parsed")
            .Send("se{pause:100}t k 0 0 5\r{pause:100}\nhel{pause:100}lo\r{pause:100}\nget k\r\n");
        yield return new DiffCase("line_over_2048_bytes_without_newline_closes_connection")
            .Send("set k 0 0 1\r\na\r\n")
            .Send("set " + new string('a', 3000) + "{pause:300} 0 0 1\r\na\r\n");
        yield return new DiffCase("incr_followed_by_2048_spaces_closes_connection")
            .Send("incr" + new string(' ', 2100) + "{pause:300}k 1\r\n");
        yield return new DiffCase("line_of_2000_bytes_with_newline_is_processed").Send("get " + new string('a', 1990) + "\r\n");
        yield return new DiffCase("line_over_2048_bytes_with_newline_in_same_packet").Send("set " + new string('a', 2500) + " 0 0 1\r\na\r\nget k\r\n");
        yield return new DiffCase("http_request_line_closes_connection").Send("GET / HTTP/1.0\r\nget k\r\n");
        yield return new DiffCase("quit_closes_after_pending_replies").Send("set k 0 0 1\r\na\r\nget k\r\nquit\r\nget k\r\n");
        yield return new DiffCase("quit_with_arguments").Send("quit now\r\nget k\r\n");
        yield return new DiffCase("second_connection_sees_first_connections_writes")
            .Send("set k 0 0 1\r\na\r\n")
            .SendOn(1, "get k\r\ndelete k\r\n")
            .Send("get k\r\n");
        yield return new DiffCase("binary_noop_on_fresh_connection_gets_binary_reply")
            .SendWithoutSentinel("\u0080\u000a\0\0\0\0\0\0\0\0\0\0\0\0\0\u0007\0\0\0\0\0\0\0\0", connection: 1);
        yield return new DiffCase("binary_get_miss_on_fresh_connection")
            .SendWithoutSentinel("\u0080\0\0\u0001\0\0\0\0\0\0\0\u0001\0\0\0\u0009\0\0\0\0\0\0\0\0z", connection: 1);
        yield return new DiffCase("binary_version_request").SendWithoutSentinel("\u0080\u000b\0\0\0\0\0\0\0\0\0\0\0\0\0\u0001\0\0\0\0\0\0\0\0", connection: 1);
        yield return new DiffCase("binary_magic_after_ascii_command_is_garbage").Send("get k\r\n\u0080\u000a\0\0\r\n");
    }
}
