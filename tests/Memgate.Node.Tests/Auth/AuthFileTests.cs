using System.Text;
using Memgate.Node.Auth;

namespace Memgate.Node.Tests.Auth;

/// <summary>
/// The authfile is read as memcached 1.6.18's authfile_load reads it. Each expectation was checked by starting
/// /usr/bin/memcached -Y with the same bytes (malformed files make it exit 1; accepted ones authenticate the
/// same users); <see cref="AuthStartupMatchesMemcachedTests"/> repeats the startup cases against both servers.
/// </summary>
public sealed class AuthFileTests
{
    [Theory]
    [InlineData("foo:bar\n", "foo", "bar")]
    [InlineData("foo:bar\nbaaaz:quux\n", "baaaz", "quux")]
    [InlineData("foo:bar\r\nbaaaz:quux\r\n", "baaaz", "quux")]
    [InlineData("foo:bar\nbaaaz:quux", "baaaz", "quux")]
    [InlineData("a b:c:d\n", "a b", "c:d")]
    public void Accepted_file_authenticates_its_users(string file, string user, string password)
    {
        var credentials = Parse(file);
        Assert.NotNull(credentials);
        Assert.True(credentials.Check(Bytes(user), Bytes(password)));
        Assert.False(credentials.Check(Bytes(user), Bytes(password + "x")));
        Assert.False(credentials.Check(Bytes(user + "x"), Bytes(password)));
    }

    [Fact]
    public void One_line_without_newline_loses_the_last_character_of_the_password()
    {
        // fgets is given the file's size, so it reads one byte less.
        var credentials = Parse("foo:bar");
        Assert.NotNull(credentials);
        Assert.True(credentials.Check(Bytes("foo"), Bytes("ba")));
        Assert.False(credentials.Check(Bytes("foo"), Bytes("bar")));
    }

    [Theory]
    [InlineData("nocolon\n")]
    [InlineData("foo:bar\r\n")]
    [InlineData("\n")]
    [InlineData("\nfoo:bar\n")]
    [InlineData("foo:bar\n\nbaaaz:quux\n")]
    [InlineData("foo:bar\nnot a user\n")]
    public void Malformed_file_is_rejected(string file) => Assert.Null(Parse(file));

    [Fact]
    public void Empty_file_loads_with_no_users()
    {
        var credentials = Parse("");
        Assert.NotNull(credentials);
        Assert.Equal(0, credentials.Count);
    }

    [Fact]
    public void Only_the_first_eight_entries_are_kept_and_the_rest_is_not_read()
    {
        var file = string.Concat(Enumerable.Range(0, 8).Select(i => $"u{i}:p{i}\n")) + "u8:p8\nmalformed\n";
        var credentials = Parse(file);
        Assert.NotNull(credentials);
        Assert.Equal(8, credentials.Count);
        Assert.True(credentials.Check(Bytes("u7"), Bytes("p7")));
        Assert.False(credentials.Check(Bytes("u8"), Bytes("p8")));
    }

    [Fact]
    public void Missing_file_fails_with_memcacheds_message_and_exit_code_1()
    {
        var error = Assert.Throws<AuthFileException>(() => AuthFile.Load("/nonexistent/authfile"));
        Assert.Equal("Could not open authfile [/nonexistent/authfile] for reading, error No such file or directory: No such file or directory\n", error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public void Directory_loads_with_no_users()
    {
        var directory = Directory.CreateTempSubdirectory("memgate-authdir-");
        try
        {
            Assert.Equal(0, AuthFile.Load(directory.FullName).Count);
        }
        finally
        {
            directory.Delete();
        }
    }

    private static AuthCredentials? Parse(string file) => AuthFile.Parse(Bytes(file));

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
