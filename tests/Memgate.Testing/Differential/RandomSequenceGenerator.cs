using System.Globalization;
using System.Text;

namespace Memgate.Testing.Differential;

/// <summary>
/// Seeded generator of text/meta command sequences over a small key space, including malformed
/// lines, wrong token counts, bad numbers, noreply and random meta flags. Avoids anything whose
/// reply depends on wall-clock races (small positive TTLs, delayed flushes that fire soon, plain
/// <c>stats</c>, <c>me</c> details) and never emits <c>mn</c> (the harness's sentinel). No delayed
/// <c>flush_all N</c>: moving the flush point forward "un-flushes" items that memcached's background
/// crawler may or may not have reclaimed yet, which is a race, not a behaviour.
/// </summary>
public sealed class RandomSequenceGenerator
{
    private static readonly string[] Keys = ["k0", "k1", "k2", "k3", "k4"];

    /// <summary>Exptimes that are "never", "already past", "far future" or invalid — never a near tick.</summary>
    /// <remarks>
    /// Not "-2147483649": memcached truncates it to INT_MAX, an absolute time whose remaining TTL is an
    /// arbitrary number that two processes may see on either side of a second.
    /// </remarks>
    private static readonly string[] ExpTimes = ["0", "0", "0", "-1", "1000", "2592000", "2592001", "1000000000", "4000000000", "abc"];

    /// <summary>
    /// Meta TTL tokens: no values that overflow 32 bits, because memcached then computes a TTL
    /// relative to its own process start time, which differs between any two processes.
    /// </summary>
    private static readonly string[] MetaExpTimes = ["0", "0", "-1", "1000", "2592000", "2592001", "1000000000", "abc"];

    private static readonly string[] Flags = ["0", "0", "0", "1", "65535", "4294967295", "4294967296", "-1", "abc", "1.5"];

    private static readonly string[] Deltas = ["1", "1", "5", "0", "18446744073709551615", "18446744073709551616", "-1", "abc", "10000000000"];

    private static readonly string[] NumericValues = ["0", "1", "10", "99", "18446744073709551615", "18446744073709551614", "00", "12abc", " 5", "-3"];

    private readonly Random _random;
    private int _sequence;

    public RandomSequenceGenerator(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>The next sequence: 1–3 steps of 1–12 commands each.</summary>
    public DiffCase Next()
    {
        var diffCase = new DiffCase($"random seed {Seed} sequence {_sequence++}");
        var steps = _random.Next(1, 4);
        for (var s = 0; s < steps; s++)
        {
            var sb = new StringBuilder();
            var commands = _random.Next(1, 13);
            for (var c = 0; c < commands; c++)
            {
                sb.Append(Command());
            }

            // A fixed trailer: shows the state, and absorbs bytes a short data block may still be
            // waiting for, so the sentinel is never eaten as data (which would cost a quiet timeout).
            sb.Append("get k0 k1 k2 k3 k4\r\n");
            if (s == steps - 1 && Chance(0.02))
            {
                sb.Append("quit\r\n");
            }

            diffCase.Send(sb.ToString());
        }

        return diffCase;
    }

    private string Command()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 24 => Storage(),
            < 29 => Cas(),
            < 43 => Retrieval(),
            < 49 => Delete(),
            < 57 => Arithmetic(),
            < 61 => Touch(),
            < 71 => MetaGet(),
            < 79 => MetaSet(),
            < 83 => MetaDelete(),
            < 88 => MetaArithmetic(),
            _ => Miscellaneous(),
        };
    }

    private string Storage()
    {
        var verb = Pick("set", "set", "add", "replace", "append", "prepend");
        var value = Value();
        return $"{verb} {Key()} {Pick(Flags)} {Pick(ExpTimes)} {Length(value)}{Noreply()}{Mangle()}\r\n{Data(value)}";
    }

    private string Cas()
    {
        var value = Value();
        var cas = Chance(0.15) ? Pick("abc", "-1", "0") : CasPlaceholders.For(_random.Next(1, 7));
        return $"cas {Key()} {Pick(Flags)} {Pick(ExpTimes)} {Length(value)} {cas}{Noreply()}{Mangle()}\r\n{Data(value)}";
    }

    private string Retrieval()
    {
        var verb = Pick("get", "get", "gets", "gat", "gats", "bget");
        var keys = string.Join(' ', Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Key()));
        var exptime = verb.StartsWith("ga", StringComparison.Ordinal) ? Pick(ExpTimes) + " " : "";
        return $"{verb} {exptime}{keys}".TrimEnd() + "\r\n";
    }

    private string Delete()
        => Chance(0.2)
            ? $"delete {Key()} {Pick("0", "0 noreply", "10", "x", "0 0")}\r\n"
            : $"delete {Key()}{Noreply()}{Mangle()}\r\n";

    private string Arithmetic()
    {
        if (Chance(0.3))
        {
            var value = Pick(NumericValues);
            return $"set {Key()} 0 0 {value.Length}\r\n{value}\r\n";
        }

        return $"{Pick("incr", "decr")} {Key()} {Pick(Deltas)}{Noreply()}{Mangle()}\r\n";
    }

    private string Touch() => $"touch {Key()} {Pick(ExpTimes)}{Noreply()}{Mangle()}\r\n";

    private string MetaGet()
    {
        var (key, base64) = MetaKey();
        // No "s": the size of a counter shrunk by incr/decr depends on whether memcached padded it in place (a race).
        var flags = MetaFlags(["c", "f", "h", "k", "l", "q", "t", "u", "v", "v", "O" + Opaque(), "N1000", "R30", "R2000", "T1000", "T0", "T-1", "E" + Number()]);
        return $"mg {key}{Base64Flag(base64)}{flags}\r\n";
    }

    private string MetaSet()
    {
        var (key, base64) = MetaKey();
        var value = Value();
        var flags = MetaFlags([
            "c", "k", "q", "s", "I", "O" + Opaque(), "F" + Pick(Flags), "T" + Pick(MetaExpTimes), "C" + CasPlaceholders.For(_random.Next(1, 7)),
            "M" + Pick("E", "A", "P", "R", "S", "X", "e", "s"), "N1000", "E" + Number(),
        ]);
        var length = Chance(0.05) ? Pick("abc", "-1", "") : Length(value);
        return $"ms {key} {length}{Base64Flag(base64)}{flags}\r\n{Data(value)}";
    }

    private string MetaDelete()
    {
        var (key, base64) = MetaKey();
        var flags = MetaFlags(["q", "k", "I", "x", "O" + Opaque(), "T1000", "C" + CasPlaceholders.For(_random.Next(1, 7)), "E" + Number()]);
        return $"md {key}{Base64Flag(base64)}{flags}\r\n";
    }

    /// <remarks>
    /// No expiring <c>T</c> here: memcached applies ma's TTL to the old item, and whether the
    /// increment is done in place or on a copy depends on a background thread holding a reference,
    /// so an expiring TTL is sometimes lost — a race inside memcached, not a behaviour.
    /// </remarks>
    private string MetaArithmetic()
    {
        var (key, base64) = MetaKey();
        var flags = MetaFlags([
            "N1000", "J" + Pick("0", "13", "abc"), "D" + Pick(Deltas), "T" + Pick("0", "1000", "abc"), "M" + Pick("I", "+", "D", "-", "X", "i"),
            "O" + Opaque(), "q", "t", "c", "v", "k", "C" + CasPlaceholders.For(_random.Next(1, 7)),
        ]);
        return $"ma {key}{Base64Flag(base64)}{flags}\r\n";
    }

    private string Miscellaneous() => _random.Next(16) switch
    {
        0 => Pick("flush_all", "flush_all 0", "flush_all noreply", "flush_all 0 noreply", "flush_all abc", "flush_all 0 0 0") + "\r\n",
        1 => "version\r\n",
        2 => Pick("verbosity 1", "verbosity 0", "verbosity", "verbosity x", "verbosity 1 noreply", "verbosity 1 2 3") + "\r\n",
        3 or 4 => Garbage() + "\r\n",
        5 => Pick("", " ", "   ", "\t") + "\r\n",
        6 => Pick("GET k0", "SET k0 0 0 1", "sets k0", "foo", "getx k0", "incr", "decr k0", "touch k0", "delete", "cas k0 0 0 1", "mg", "ms", "ms k0", "md", "ma", "me", "set", "gat 0", "gats") + "\r\n",
        7 => Pick("shutdown", "shutdown graceful", "shutdown x") + "\r\n",
        8 => $"get {new string('a', 250)}\r\n",
        9 => $"get k0 {new string('a', 251)}\r\n",
        10 => $"set {new string('b', 250)} 0 0 1\r\nx\r\n",
        11 => $"set {new string('b', 251)} 0 0 1\r\nx\r\n",
        12 => "set k0 0 0 1\nx\n",
        13 => $"{Pick("get", "delete", "incr", "touch")} {Key()}\n",
        14 => "stats reset\r\n",
        _ => $"set a\tb 0 0 1\r\nx\r\nget a\tb\r\n",
    };

    private string Key() => Pick(Keys);

    private (string Key, bool Base64) MetaKey()
    {
        if (Chance(0.12))
        {
            var raw = Chance(0.8) ? Key() : "\u0001bin\u00ffkey";
            return (Convert.ToBase64String(Encoding.Latin1.GetBytes(raw)), true);
        }

        return Chance(0.03) ? (new string('c', 251), false) : (Key(), false);
    }

    private static string Base64Flag(bool base64) => base64 ? " b" : "";

    private string MetaFlags(string[] candidates)
    {
        var sb = new StringBuilder();
        foreach (var flag in candidates.OrderBy(_ => _random.Next()))
        {
            if (Chance(0.22))
            {
                sb.Append(' ').Append(flag);
            }
        }

        if (Chance(0.03))
        {
            sb.Append(' ').Append(Pick("!", "zz", "v v", "0", "Oaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        }

        return sb.ToString();
    }

    private string Value()
    {
        var roll = _random.Next(100);
        if (roll < 10)
        {
            return "";
        }

        if (roll < 35)
        {
            return Pick(NumericValues);
        }

        if (roll < 38)
        {
            return "a\r\nb";
        }

        if (roll < 40)
        {
            return new string('x', 3000);
        }

        var length = _random.Next(1, 12);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[_random.Next(36)];
        }

        return new string(chars);
    }

    /// <summary>The declared length: usually right, sometimes off by one or invalid.</summary>
    private string Length(string value)
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 3 => (value.Length + 1).ToString(CultureInfo.InvariantCulture),
            < 6 when value.Length > 0 => (value.Length - 1).ToString(CultureInfo.InvariantCulture),
            < 8 => Pick("-1", "abc", "4294967295", "2147483647"),
            _ => value.Length.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The data block: usually value + \r\n, sometimes a bad terminator.</summary>
    private string Data(string value) => _random.Next(100) switch
    {
        < 3 => value + "\n",
        < 5 => value + "xx",
        _ => value + "\r\n",
    };

    private string Noreply() => Chance(0.15) ? " noreply" : "";

    /// <summary>Occasionally breaks the token count.</summary>
    private string Mangle() => Chance(0.03) ? " " + Pick("x", "1 2", "noreply noreply", "") : "";

    private string Opaque() => Chance(0.9) ? _random.Next(0, 100000).ToString(CultureInfo.InvariantCulture) : new string('o', 40);

    private string Number() => Pick("1", "12345", "0", "abc", "18446744073709551615");

    private string Garbage()
    {
        var length = _random.Next(1, 40);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            char c;
            do
            {
                c = (char)_random.Next(1, 256);
            }
            while (c == '\n' || (i == 0 && (c == 'm' || c == 'q' || c == 's' || c == 'w' || c == 'l')));

            chars[i] = c;
        }

        return new string(chars);
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
