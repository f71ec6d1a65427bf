namespace Memgate.Node.Commands;

/// <summary>Splits an admin command's arguments into tokens the way memcached's tokenizer does (runs of spaces collapse).</summary>
internal static class AdminTokens
{
    /// <summary>memcached looks at no more than 24 tokens, the command name included.</summary>
    public const int Max = 24;

    /// <summary>Fills <paramref name="tokens"/> with the ranges of the arguments in <paramref name="text"/>; returns their count.</summary>
    public static int Split(ReadOnlySpan<byte> text, Span<Range> tokens)
    {
        int count = 0;
        int at = 0;
        while (count < tokens.Length)
        {
            while (at < text.Length && text[at] == (byte)' ')
            {
                at++;
            }

            if (at == text.Length)
            {
                break;
            }

            int end = text[at..].IndexOf((byte)' ');
            end = end < 0 ? text.Length : at + end;
            tokens[count++] = at..end;
            at = end;
        }

        return count;
    }
}
