namespace Memgate.Protocol.Text;

/// <summary>Maps a command token to its <see cref="TextCommand"/> (names are case-sensitive, as in memcached).</summary>
internal static class CommandTable
{
    public static TextCommand Lookup(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 2:
                return name[0] == (byte)'m' ? LookupMeta(name[1]) : TextCommand.None;
            case 3:
                return name.SequenceEqual("get"u8) ? TextCommand.Get
                    : name.SequenceEqual("set"u8) ? TextCommand.Set
                    : name.SequenceEqual("gat"u8) ? TextCommand.Gat
                    : name.SequenceEqual("add"u8) ? TextCommand.Add
                    : name.SequenceEqual("cas"u8) ? TextCommand.Cas
                    : name.SequenceEqual("lru"u8) ? TextCommand.Admin
                    : TextCommand.None;
            case 4:
                return name.SequenceEqual("gets"u8) ? TextCommand.Gets
                    : name.SequenceEqual("gats"u8) ? TextCommand.Gats
                    : name.SequenceEqual("incr"u8) ? TextCommand.Incr
                    : name.SequenceEqual("decr"u8) ? TextCommand.Decr
                    : name.SequenceEqual("bget"u8) ? TextCommand.Get
                    : name.SequenceEqual("quit"u8) ? TextCommand.Quit
                    : TextCommand.None;
            case 5:
                return name.SequenceEqual("touch"u8) ? TextCommand.Touch
                    : name.SequenceEqual("stats"u8) ? TextCommand.Stats
                    : name.SequenceEqual("slabs"u8) ? TextCommand.Admin
                    : name.SequenceEqual("watch"u8) ? TextCommand.Admin
                    : TextCommand.None;
            case 6:
                return name.SequenceEqual("delete"u8) ? TextCommand.Delete
                    : name.SequenceEqual("append"u8) ? TextCommand.Append
                    : TextCommand.None;
            case 7:
                return name.SequenceEqual("replace"u8) ? TextCommand.Replace
                    : name.SequenceEqual("prepend"u8) ? TextCommand.Prepend
                    : name.SequenceEqual("version"u8) ? TextCommand.Version
                    : TextCommand.None;
            case 8:
                return name.SequenceEqual("shutdown"u8) ? TextCommand.Shutdown
                    : name.SequenceEqual("extstore"u8) ? TextCommand.Admin
                    : TextCommand.None;
            case 9:
                return name.SequenceEqual("flush_all"u8) ? TextCommand.FlushAll
                    : name.SequenceEqual("verbosity"u8) ? TextCommand.Verbosity
                    : name.SequenceEqual("misbehave"u8) ? TextCommand.Admin
                    : name.SequenceEqual("debugtime"u8) ? TextCommand.Admin
                    : TextCommand.None;
            case 11:
                return name.SequenceEqual("lru_crawler"u8) ? TextCommand.Admin : TextCommand.None;
            case 13:
                return name.SequenceEqual("refresh_certs"u8) ? TextCommand.Admin : TextCommand.None;
            case 14:
                return name.SequenceEqual("cache_memlimit"u8) ? TextCommand.CacheMemlimit : TextCommand.None;
            default:
                return TextCommand.None;
        }
    }

    /// <summary>
    /// memcached dispatches on the first letter before comparing names, so an unknown name starting with one of
    /// these letters (or any two-letter m-command) answers ERROR without the HTTP/ check that closes the connection.
    /// </summary>
    public static bool IsHttpProbeCandidate(ReadOnlySpan<byte> name) =>
        !(name.Length == 2 && name[0] == (byte)'m') && "gsacidt"u8.IndexOf(name[0]) < 0;

    private static TextCommand LookupMeta(byte second) => second switch
    {
        (byte)'g' => TextCommand.MetaGet,
        (byte)'s' => TextCommand.MetaSet,
        (byte)'d' => TextCommand.MetaDelete,
        (byte)'a' => TextCommand.MetaArithmetic,
        (byte)'n' => TextCommand.MetaNoop,
        (byte)'e' => TextCommand.MetaDebug,
        _ => TextCommand.None,
    };
}
