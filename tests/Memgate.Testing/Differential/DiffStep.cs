using System.Text.RegularExpressions;

namespace Memgate.Testing.Differential;

/// <summary>
/// One exchange on one connection: the chunks are sent in order (with pauses), then, unless
/// <see cref="Sentinel"/> is false, <c>mn\r\n</c> is sent and the replies are read up to its <c>MN</c>.
/// </summary>
public sealed partial record DiffStep(int Connection, IReadOnlyList<DiffChunk> Chunks, bool Sentinel)
{
    /// <summary>The whole template (chunks joined) for messages.</summary>
    public string Template => string.Concat(Chunks.Select(c => c.Template));

    /// <summary>
    /// Parses <paramref name="template"/>: <c>{pause:MS}</c> splits it into chunks sent with a pause
    /// between them (use it to make TCP segmentation deterministic).
    /// </summary>
    public static DiffStep Parse(int connection, string template, bool sentinel = true)
    {
        var chunks = new List<DiffChunk>();
        var at = 0;
        foreach (Match match in PausePattern().Matches(template))
        {
            chunks.Add(new DiffChunk(template[at..match.Index], TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))));
            at = match.Index + match.Length;
        }

        chunks.Add(new DiffChunk(template[at..], TimeSpan.Zero));
        return new DiffStep(connection, chunks, sentinel);
    }

    /// <summary>
    /// How many <c>MN</c> replies end this step: one per line that is exactly <c>mn</c> in the stream,
    /// plus the sentinel. (A line swallowed as data would be over-counted; the read then ends by quiet timeout.)
    /// </summary>
    public int ExpectedMnCount()
    {
        var count = 0;
        var text = Template;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0)
            {
                break;
            }

            var line = text[lineStart..end].TrimEnd('\r');
            if (line == "mn")
            {
                count++;
            }

            lineStart = end + 1;
        }

        return count + (Sentinel ? 1 : 0);
    }

    [GeneratedRegex(@"\{pause:(\d+)\}")]
    private static partial Regex PausePattern();
}
