using Memgate.Protocol.Text;

namespace Memgate.Node.Commands;

/// <summary>The class argument of lru_crawler crawl/metadump: <c>all</c>, <c>hash</c> or a comma list of class ids.</summary>
internal enum CrawlerClassSelection
{
    /// <summary>The list named at least one valid class (or <c>all</c>).</summary>
    Classes,

    /// <summary><c>hash</c>: walk the hash table instead of the LRUs.</summary>
    Hash,

    /// <summary>An id that is not a number in 1..63: BADCLASS.</summary>
    BadClass,

    /// <summary>A list without any id (<c>,</c>): NOTSTARTED.</summary>
    Empty,
}

/// <summary>Parses the class list like memcached's lru_crawler_crawl (strtok on commas, safe_strtoul, 1 ≤ id &lt; 64).</summary>
internal static class CrawlerClassList
{
    /// <summary>memcached's MAX_NUMBER_OF_SLAB_CLASSES: ids 1..63 are accepted whether or not the class exists.</summary>
    public const int MaxClasses = 64;

    public static CrawlerClassSelection Parse(ReadOnlySpan<byte> text, Span<bool> selected)
    {
        selected.Clear();
        if (text.SequenceEqual("all"u8))
        {
            selected.Fill(true);
            return CrawlerClassSelection.Classes;
        }

        if (text.SequenceEqual("hash"u8))
        {
            selected.Fill(true);
            return CrawlerClassSelection.Hash;
        }

        bool any = false;
        foreach (var range in text.Split((byte)','))
        {
            var id = text[range];
            if (id.IsEmpty)
            {
                continue;
            }

            if (!NumberParser.TryParseUInt32(id, out uint classId) || classId < 1 || classId >= MaxClasses)
            {
                return CrawlerClassSelection.BadClass;
            }

            selected[(int)classId] = true;
            any = true;
        }

        return any ? CrawlerClassSelection.Classes : CrawlerClassSelection.Empty;
    }
}
