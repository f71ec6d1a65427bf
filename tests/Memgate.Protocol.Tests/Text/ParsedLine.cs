using System.Text;
using Memgate.Protocol.Text;

namespace Memgate.Protocol.Tests.Text;

/// <summary>A heap copy of a parsed <see cref="TextRequest"/> so tests can assert on it after the spans are gone.</summary>
internal sealed record ParsedLine
{
    public const string Completed = "<complete>";
    public const string Closed = "<close>";
    public const string Incomplete = "<incomplete>";

    public ParseStatus Status { get; init; }
    public string Outcome { get; init; } = "";
    public TextCommand Command { get; init; }
    public string CommandName { get; init; } = "";
    public int LineLength { get; init; }
    public string Key { get; init; } = "";
    public string Arguments { get; init; } = "";
    public uint ClientFlags { get; init; }
    public long ExpTime { get; init; }
    public int DataLength { get; init; }
    public ulong CasUnique { get; init; }
    public ulong Number { get; init; }
    public bool HasNumber { get; init; }
    public bool NoReply { get; init; }
    public bool SwallowData { get; init; }
    public string MetaFlagsPresent { get; init; } = "";
    public string MetaRaw { get; init; } = "";
    public string Opaque { get; init; } = "";
    public long Ttl { get; init; }
    public long VivifyTtl { get; init; }
    public long RecacheTtl { get; init; }
    public ulong CompareCas { get; init; }
    public uint MetaClientFlags { get; init; }
    public char Mode { get; init; }
    public ulong Delta { get; init; }
    public ulong Initial { get; init; }

    public static ParsedLine Parse(string input) => Parse(Encoding.Latin1.GetBytes(input));

    public static ParsedLine Parse(byte[] input)
    {
        scoped TextRequest request = default;
        Span<byte> scratch = stackalloc byte[256];
        var status = TextRequestParser.Parse(input, ref request, scratch);
        string outcome = status switch
        {
            ParseStatus.Complete => Completed,
            ParseStatus.Close => Closed,
            ParseStatus.Incomplete => Incomplete,
            _ => Text(request.ErrorReply),
        };
        var present = new StringBuilder();
        for (char c = 'A'; c <= 'z'; c++)
        {
            if (char.IsLetter(c) && request.Meta.Has(c))
            {
                present.Append(c);
            }
        }

        return new ParsedLine
        {
            Status = status,
            Outcome = outcome,
            Command = request.Command,
            CommandName = Text(request.CommandName),
            LineLength = request.LineLength,
            Key = Text(request.Key),
            Arguments = Text(request.Arguments),
            ClientFlags = request.ClientFlags,
            ExpTime = request.ExpTime,
            DataLength = request.DataLength,
            CasUnique = request.CasUnique,
            Number = request.Number,
            HasNumber = request.HasNumber,
            NoReply = request.NoReply,
            SwallowData = request.SwallowData,
            MetaFlagsPresent = present.ToString(),
            MetaRaw = Text(request.Meta.Raw),
            Opaque = Text(request.Meta.Opaque),
            Ttl = request.Meta.Ttl,
            VivifyTtl = request.Meta.VivifyTtl,
            RecacheTtl = request.Meta.RecacheTtl,
            CompareCas = request.Meta.CompareCas,
            MetaClientFlags = request.Meta.ClientFlags,
            Mode = (char)request.Meta.Mode,
            Delta = request.Meta.Delta,
            Initial = request.Meta.Initial,
        };
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
