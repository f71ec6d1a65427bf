namespace Memgate.Node.CommandLine;

/// <summary>
/// glibc getopt_long as memcached calls it: permuted arguments (non-options are skipped), short option clusters
/// (-vvv, -p11211), --name=value / --name value, unambiguous long-name prefixes, and glibc's error texts.
/// </summary>
internal sealed class GetoptReader
{
    /// <summary>memcached 1.6.18's short option string: a trailing ':' means "takes an argument".</summary>
    private const string ShortOptions = "a:Ap:s:U:m:Mc:khiVvl:dru:P:f:e:n:t:D:LR:Cb:B:I:SFXWY:ZN:o:";

    private static readonly (string Name, char Option, Argument Argument)[] LongOptions =
    [
        ("unix-mask", 'a', Argument.Required),
        ("enable-shutdown", 'A', Argument.None),
        ("enable-ssl", 'Z', Argument.None),
        ("port", 'p', Argument.Required),
        ("unix-socket", 's', Argument.Required),
        ("udp-port", 'U', Argument.Required),
        ("memory-limit", 'm', Argument.Required),
        ("disable-evictions", 'M', Argument.None),
        ("conn-limit", 'c', Argument.Required),
        ("lock-memory", 'k', Argument.None),
        ("help", 'h', Argument.None),
        ("license", 'i', Argument.None),
        ("version", 'V', Argument.None),
        ("enable-coredumps", 'r', Argument.None),
        ("verbose", 'v', Argument.Optional),
        ("daemon", 'd', Argument.None),
        ("listen", 'l', Argument.Required),
        ("user", 'u', Argument.Required),
        ("pidfile", 'P', Argument.Required),
        ("slab-growth-factor", 'f', Argument.Required),
        ("slab-min-size", 'n', Argument.Required),
        ("memory-file", 'e', Argument.Required),
        ("threads", 't', Argument.Required),
        ("enable-largepages", 'L', Argument.None),
        ("max-reqs-per-event", 'R', Argument.Required),
        ("disable-cas", 'C', Argument.None),
        ("listen-backlog", 'b', Argument.Required),
        ("protocol", 'B', Argument.Required),
        ("max-item-size", 'I', Argument.Required),
        ("enable-sasl", 'S', Argument.None),
        ("disable-flush-all", 'F', Argument.None),
        ("disable-dumping", 'X', Argument.None),
        ("disable-watch", 'W', Argument.None),
        ("auth-file", 'Y', Argument.Required),
        ("extended", 'o', Argument.Required),
        ("napi-ids", 'N', Argument.Required),
    ];

    private readonly string[] _args;
    private readonly string _program;
    private int _index;
    private int _clusterPosition;

    public GetoptReader(string[] args, string program)
    {
        _args = args;
        _program = program;
    }

    private enum Argument
    {
        None,
        Required,
        Optional,
    }

    /// <summary>Next option; false at the end. On a getopt error <paramref name="error"/> holds glibc's message.</summary>
    public bool Next(out char option, out string? value, out string? error)
    {
        option = '\0';
        value = null;
        error = null;
        if (_clusterPosition > 0)
        {
            return ReadShort(out option, out value, out error);
        }

        while (_index < _args.Length)
        {
            string arg = _args[_index];
            if (arg == "--")
            {
                _index = _args.Length;
                return false;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                _index++;
                return ReadLong(arg, out option, out value, out error);
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                _clusterPosition = 1;
                return ReadShort(out option, out value, out error);
            }

            // glibc permutes non-options to the end; memcached never looks at them.
            _index++;
        }

        return false;
    }

    private bool ReadShort(out char option, out string? value, out string? error)
    {
        string arg = _args[_index];
        option = arg[_clusterPosition++];
        value = null;
        error = null;
        bool clusterDone = _clusterPosition >= arg.Length;
        int spec = option == ':' ? -1 : ShortOptions.IndexOf(option, StringComparison.Ordinal);
        if (spec < 0)
        {
            error = $"{_program}: invalid option -- '{option}'\n";
            Advance(clusterDone);
            return true;
        }

        bool takesArgument = spec + 1 < ShortOptions.Length && ShortOptions[spec + 1] == ':';
        if (!takesArgument)
        {
            Advance(clusterDone);
            return true;
        }

        if (!clusterDone)
        {
            value = arg[_clusterPosition..];
            Advance(true);
            return true;
        }

        Advance(true);
        if (_index < _args.Length)
        {
            value = _args[_index++];
            return true;
        }

        error = $"{_program}: option requires an argument -- '{option}'\n";
        return true;
    }

    private void Advance(bool clusterDone)
    {
        if (clusterDone)
        {
            _clusterPosition = 0;
            _index++;
        }
    }

    private bool ReadLong(string arg, out char option, out string? value, out string? error)
    {
        option = '?';
        value = null;
        error = null;
        string body = arg[2..];
        int equals = body.IndexOf('=', StringComparison.Ordinal);
        string name = equals < 0 ? body : body[..equals];
        string? attached = equals < 0 ? null : body[(equals + 1)..];

        var exact = LongOptions.Where(o => o.Name == name).ToList();
        var matches = exact.Count > 0 ? exact : LongOptions.Where(o => o.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0 || name.Length == 0)
        {
            error = $"{_program}: unrecognized option '{arg}'\n";
            return true;
        }

        if (matches.Count > 1)
        {
            error = $"{_program}: option '--{name}' is ambiguous; possibilities:" + string.Concat(matches.Select(m => $" '--{m.Name}'")) + "\n";
            return true;
        }

        var match = matches[0];
        option = match.Option;
        switch (match.Argument)
        {
            case Argument.None when attached is not null:
                error = $"{_program}: option '--{match.Name}' doesn't allow an argument\n";
                option = '?';
                break;
            case Argument.Required when attached is null:
                if (_index < _args.Length)
                {
                    value = _args[_index++];
                }
                else
                {
                    error = $"{_program}: option '--{match.Name}' requires an argument\n";
                    option = '?';
                }

                break;
            default:
                value = attached;
                break;
        }

        return true;
    }
}
