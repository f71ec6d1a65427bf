namespace Memgate.Proxy.Backends;

/// <summary>
/// The shape of the reply a request gets, which the reader needs to know where the reply ends.
/// Requests must not use <c>noreply</c> or meta quiet mode (<c>q</c>): a reply that may or may not
/// come breaks FIFO matching. The proxy sends the loud form and drops the reply instead (mcrouter does the same).
/// </summary>
public enum ReplyKind
{
    /// <summary>One line: storage commands, delete, incr/decr, touch, version, verbosity, flush_all.</summary>
    Line,

    /// <summary>get/gets/gat/gats: any number of "VALUE ... data" blocks, then "END".</summary>
    Retrieval,

    /// <summary>stats and similar: any number of lines, then "END".</summary>
    Stats,

    /// <summary>Meta commands: "VA size flags" plus a data block, or one line (HD, EN, NF, NS, EX, MN).</summary>
    Meta,
}
