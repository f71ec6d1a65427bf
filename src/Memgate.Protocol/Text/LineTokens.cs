using System.Runtime.CompilerServices;

namespace Memgate.Protocol.Text;

/// <summary>
/// The tokens of one command line as memcached's <c>tokenize_command</c> sees them: split on spaces only, at most
/// <see cref="MaxTokens"/> tokens; whatever follows is left unsplit (only multi-get keys continue past the cap).
/// </summary>
internal ref struct LineTokens
{
    /// <summary>MAX_TOKENS (24) minus memcached's terminal token.</summary>
    public const int MaxTokens = 23;

    private TokenRanges _ranges;

    public ReadOnlySpan<byte> Line;

    public int Count;

    public readonly ReadOnlySpan<byte> this[int index] => Line.Slice(_ranges[index].Start, _ranges[index].Length);

    public readonly int StartOf(int index) => _ranges[index].Start;

    public readonly int EndOf(int index) => _ranges[index].Start + _ranges[index].Length;

    /// <summary>The line from the start of token <paramref name="first"/> to the end of the line (past the cap).</summary>
    public readonly ReadOnlySpan<byte> From(int first) => first < Count ? Line[StartOf(first)..] : default;

    /// <summary>The tokens <paramref name="first"/>..Count-1 as one span (as sent, inner spaces included).</summary>
    public readonly ReadOnlySpan<byte> Between(int first) =>
        first < Count ? Line[StartOf(first)..EndOf(Count - 1)] : default;

    public static LineTokens Tokenize(ReadOnlySpan<byte> line)
    {
        var tokens = new LineTokens { Line = line };
        int position = 0;
        while (tokens.Count < MaxTokens)
        {
            while (position < line.Length && line[position] == (byte)' ')
            {
                position++;
            }

            if (position == line.Length)
            {
                break;
            }

            int length = line[position..].IndexOf((byte)' ');
            if (length < 0)
            {
                length = line.Length - position;
            }

            tokens._ranges[tokens.Count++] = new TokenRange(position, length);
            position += length;
        }

        return tokens;
    }

    private readonly record struct TokenRange(int Start, int Length);

    [InlineArray(MaxTokens)]
    private struct TokenRanges
    {
        private TokenRange _first;
    }
}
