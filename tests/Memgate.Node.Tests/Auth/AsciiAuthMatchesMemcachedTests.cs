using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Auth;

/// <summary>
/// With -Y, the node answers the same byte streams as memcached 1.6.18 -Y. Steps before authentication are sent
/// without the <c>mn</c> sentinel (it would only be answered "unauthenticated") and each is its own receive batch,
/// because memcached keeps only the last reply of a batch until the connection has authenticated.
/// </summary>
public sealed class AsciiAuthMatchesMemcachedTests(AsciiAuthServersFixture servers) : IClassFixture<AsciiAuthServersFixture>
{
    private const string Login = "set auth 0 0 7\r\nfoo bar\r\n";

    [ToolFact(Tool.Memcached)]
    public Task Every_command_before_authentication_is_refused()
        => AssertSameAsync(Unauthenticated("refused")
            .SendWithoutSentinel("get foo\r\n")
            .SendWithoutSentinel("set foo 0 0 2\r\nhi\r\n")
            .SendWithoutSentinel("hi\r\n")
            .SendWithoutSentinel("version\r\n")
            .SendWithoutSentinel("stats\r\n")
            .SendWithoutSentinel("mn\r\n")
            .SendWithoutSentinel("mg foo v\r\n")
            .SendWithoutSentinel("flush_all\r\n")
            .SendWithoutSentinel("\r\n")
            .SendWithoutSentinel("a\n")
            .SendWithoutSentinel("\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0000\r\n")
            .SendWithoutSentinel("quit\r\n")
            .SendWithoutSentinel("shutdown\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Wrong_password_fails_and_the_right_one_then_opens_every_command()
        => AssertSameAsync(Unauthenticated("login")
            .SendWithoutSentinel("set foo 0 0 7\r\nfoo bab\r\n")
            .SendWithoutSentinel("get foo\r\n")
            .SendWithoutSentinel(Login)
            .Send("set toast 0 0 2\r\nhi\r\nget toast\r\nset auth 0 0 7\r\nfoo bar\r\nget auth\r\nversion\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Each_user_of_the_file_can_authenticate_on_its_own_connection()
        => AssertSameAsync(Unauthenticated("two users")
            .SendWithoutSentinel(Login)
            .SendWithoutSentinel("get toast2\r\n", connection: 1)
            .SendWithoutSentinel("set foo 0 0 10\r\nbaaaz quux\r\n", connection: 1)
            .SendOn(1, "set toast2 0 0 2\r\nho\r\nget toast2\r\n")
            .Send("get toast2\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Key_flags_exptime_and_noreply_of_the_token_set_are_ignored()
        => AssertSameAsync(Unauthenticated("ignored fields")
            .SendWithoutSentinel("set a b c 7 noreply\r\nfoo bar\r\n")
            .Send("get a\r\n")
            .SendWithoutSentinel("set x 0 0 7\nfoo bar\r\n", connection: 1)
            .SendWithoutSentinel(" set  x  0  0  +07 \r\nbaaaz quux\r\n", connection: 2)
            .SendWithoutSentinel("set x 0 0 \t7\r\r\nfoo bar\r\n", connection: 3)
            .SendWithoutSentinel("set x 0 0 12\r\nfoo bar more\r\n", connection: 4)
            .SendWithoutSentinel("set x 0 0 9\r\n  foo bar\r\n", connection: 5));

    [ToolFact(Tool.Memcached)]
    public Task Lines_that_are_not_a_token_set_are_unauthenticated_and_their_data_is_read_as_a_line()
        => AssertSameAsync(Unauthenticated("not a token set")
            .SendWithoutSentinel("add x 0 0 7\r\nfoo bar\r\n")
            .SendWithoutSentinel("SET x 0 0 7\r\nfoo bar\r\n")
            .SendWithoutSentinel("set x 0 0\r\n")
            .SendWithoutSentinel("set x 0 0 seven\r\n")
            .SendWithoutSentinel("set x 0 0 7junk\r\n")
            .SendWithoutSentinel("set x 0 0 -1\r\n")
            .SendWithoutSentinel("set\tx 0 0 7\r\n")
            .SendWithoutSentinel("set x\u0000 0 0 7\r\n")
            .SendWithoutSentinel("set x 0 0 18446744073709551616\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo bar\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Malformed_tokens_get_memcacheds_errors()
        => AssertSameAsync(Unauthenticated("token errors")
            .SendWithoutSentinel("set x 0 0 3\r\nfoo\r\n")
            .SendWithoutSentinel("set x 0 0 0\r\n\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo\tbar\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo\u0000bar\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo barXX")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo ba\r\n\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo bar\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Lengths_that_wrap_at_32_bits_behave_as_in_memcached()
        => AssertSameAsync(Unauthenticated("wrapped lengths")
            .SendWithoutSentinel("set x 0 0 4294967296\r\n\r\n")
            .SendWithoutSentinel("set x 0 0 4294967295\r\nxyz\r\n")
            .SendWithoutSentinel("set x 0 0 4294967294\r\nfoo bar\r\n")
            .SendWithoutSentinel("set x 0 0 -18446744073709551615\r\nx\r\n")
            .SendWithoutSentinel("set x 0 0 4294967303\r\nfoo bar\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Only_the_last_reply_of_a_batch_before_authentication_is_sent()
        => AssertSameAsync(Unauthenticated("batched")
            .SendWithoutSentinel("get k\r\nget k\r\nversion\r\n")
            .SendWithoutSentinel("set x 0 0 7\r\nfoo bab\r\nget k\r\n")
            .SendWithoutSentinel("get k\r\n" + Login + "get k\r\nversion\r\n")
            .SendWithoutSentinel(string.Concat(Enumerable.Repeat("get k\r\n", 30)), connection: 1)
            .SendWithoutSentinel(Login + Login + "get auth\r\n", connection: 2));

    [ToolFact(Tool.Memcached)]
    public Task Token_set_split_across_packets_is_assembled()
        => AssertSameAsync(Unauthenticated("split")
            .SendWithoutSentinel("s{pause:100}et x 0 0 7\r{pause:100}\nfoo{pause:100} bar\r{pause:100}\n")
            .Send("get x\r\n"));

    [ToolFact(Tool.Memcached)]
    public Task Over_2048_bytes_without_a_newline_closes_the_connection()
        => AssertSameAsync(Unauthenticated("long line")
            .SendWithoutSentinel(new string('x', 2048))
            .SendWithoutSentinel(new string('x', 2048) + "\n", connection: 1)
            .SendWithoutSentinel(new string('x', 2049), connection: 2));

    [ToolFact(Tool.Memcached)]
    public Task A_token_larger_than_memcacheds_read_buffer_closes_the_connection()
        => AssertSameAsync(Unauthenticated("large token")
            .SendWithoutSentinel($"set x 0 0 16382\r\n{new string('y', 16382)}\r\n")
            .SendWithoutSentinel($"set x 0 0 20000\r\n{new string('y', 16384)}", connection: 1)
            .SendWithoutSentinel(new string('y', 100), connection: 1)
            .SendWithoutSentinel($"set x 0 0 16383\r\n{new string('y', 16383)}\r\n", connection: 2));

    [ToolFact(Tool.Memcached)]
    public Task Stats_settings_names_the_authfile()
        => AssertSameAsync(Unauthenticated("settings")
            .SendWithoutSentinel(Login)
            .Send("stats settings\r\n"));

    private static DiffCase Unauthenticated(string name) => new DiffCase(name).WithoutFlush();

    private Task AssertSameAsync(DiffCase diffCase) => servers.Harness.AssertSameAsync(diffCase);
}
