namespace Memgate.Protocol.Text;

/// <summary>
/// Parses one command line of memcached's text/meta protocol from the start of a receive buffer, byte-exact with
/// memcached 1.6.18 (≤1.6.39 rules). Never throws on client input. See docs/protocol-notes.md for the quirks kept.
/// </summary>
public static class TextRequestParser
{
    /// <summary>memcached closes a connection whose line has no newline within this many bytes (except get/gets).</summary>
    public const int MaxLineLength = 2048;

    /// <summary>memcached's KEY_MAX_LENGTH.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>try_read_command_ascii skips at most this many leading spaces before looking for "get "/"gets ".</summary>
    private const int MaxLeadingSpaces = 100;

    /// <summary>
    /// Parses the line at the start of <paramref name="buffer"/>. <paramref name="scratch"/> (at least 256 bytes)
    /// receives base64-decoded meta keys. For storage commands only the line is parsed: the caller checks that
    /// <c>LineLength + DataLength + 2</c> bytes are buffered and that the data ends with <c>\r\n</c>.
    /// </summary>
    public static ParseStatus Parse(ReadOnlySpan<byte> buffer, ref TextRequest request, Span<byte> scratch)
    {
        request = default;
        int newline = buffer.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return ParseStatus.Incomplete;
        }

        request.LineLength = newline + 1;

        // memcached strips the \r only when something precedes it, so "\r\n" is the one-byte command "\r" (ERROR).
        int end = newline > 1 && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
        var line = buffer[..end];

        // memcached tokenises a C string: a NUL byte ends the line ("get k\0junk" asks for k only).
        int nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            line = line[..nul];
        }

        var tokens = LineTokens.Tokenize(line);
        if (tokens.Count == 0 || tokens[0].Length < 2)
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.CommandName = tokens[0];
        request.Command = CommandTable.Lookup(tokens[0]);
        return request.Command switch
        {
            TextCommand.Get or TextCommand.Gets or TextCommand.Gat or TextCommand.Gats
                => RetrievalLineParser.Parse(ref request, tokens),
            TextCommand.Set or TextCommand.Add or TextCommand.Replace or TextCommand.Append or TextCommand.Prepend
                or TextCommand.Cas => StorageLineParser.Parse(ref request, tokens),
            TextCommand.MetaGet => MetaCommandParser.ParseGet(ref request, tokens, scratch),
            TextCommand.MetaSet => MetaCommandParser.ParseSet(ref request, tokens, scratch),
            TextCommand.MetaDelete => MetaCommandParser.ParseDelete(ref request, tokens, scratch),
            TextCommand.MetaArithmetic => MetaCommandParser.ParseArithmetic(ref request, tokens, scratch),
            TextCommand.MetaDebug => MetaCommandParser.ParseDebug(ref request, tokens, scratch),
            TextCommand.Delete => KeyCommandParser.ParseDelete(ref request, tokens),
            TextCommand.Incr or TextCommand.Decr => KeyCommandParser.ParseArithmetic(ref request, tokens),
            TextCommand.Touch => KeyCommandParser.ParseTouch(ref request, tokens),
            TextCommand.FlushAll => ControlCommandParser.ParseFlushAll(ref request, tokens),
            TextCommand.Verbosity => ControlCommandParser.ParseVerbosity(ref request, tokens),
            TextCommand.CacheMemlimit => ControlCommandParser.ParseCacheMemlimit(ref request, tokens),
            TextCommand.Stats or TextCommand.Shutdown => ControlCommandParser.ParseWithArguments(ref request, tokens),
            TextCommand.Admin => ControlCommandParser.ParseAdmin(ref request, tokens),
            TextCommand.Version or TextCommand.Quit or TextCommand.MetaNoop => ParseStatus.Complete,
            _ => ParseUnknown(ref request, tokens),
        };
    }

    /// <summary>
    /// For a buffer that holds no newline yet: true when memcached would close the connection
    /// (more than 2048 bytes without <c>\n</c>, unless the line is a get/gets, which may be arbitrarily long).
    /// </summary>
    public static bool ShouldCloseOverlongLine(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length <= MaxLineLength || buffer.Contains((byte)'\n'))
        {
            return false;
        }

        int spaces = buffer.IndexOfAnyExcept((byte)' ');
        if (spaces < 0 || spaces > MaxLeadingSpaces)
        {
            return true;
        }

        var rest = buffer[spaces..];
        return !(rest.StartsWith("get "u8) || rest.StartsWith("gets "u8));
    }

    private static ParseStatus ParseUnknown(ref TextRequest request, in LineTokens tokens)
    {
        // A browser or HTTP health check on the port: memcached hangs up instead of answering.
        if (CommandTable.IsHttpProbeCandidate(tokens[0]) && tokens[tokens.Count - 1].StartsWith("HTTP/"u8))
        {
            return ParseStatus.Close;
        }

        return ParseErrors.Always(ref request, TextReplies.Error);
    }
}
