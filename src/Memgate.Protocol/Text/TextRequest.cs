namespace Memgate.Protocol.Text;

/// <summary>
/// One parsed text or meta command. Spans point into the receive buffer (or into the caller's scratch
/// buffer for base64-decoded meta keys) and are valid only until that buffer is compacted.
/// </summary>
public ref struct TextRequest
{
    public TextCommand Command;

    /// <summary>The command token as sent (tells admin commands apart: slabs, lru, lru_crawler, watch...).</summary>
    public ReadOnlySpan<byte> CommandName;

    /// <summary>Bytes of the command line including its terminating <c>\n</c>.</summary>
    public int LineLength;

    /// <summary>The key (first key for multi-key retrievals). Decoded when a meta command carries the <c>b</c> flag.</summary>
    public ReadOnlySpan<byte> Key;

    /// <summary>
    /// For get/gets/gat/gats: every key token (space separated, the first one is <see cref="Key"/>).
    /// For stats/admin commands: the arguments after the command name. Iterate with <see cref="TokenReader"/>.
    /// </summary>
    public ReadOnlySpan<byte> Arguments;

    public uint ClientFlags;

    /// <summary>
    /// Exptime as the client sent it (relative, absolute or negative), truncated to 32 bits as memcached does.
    /// For <c>flush_all</c>: the delay (0 when absent; negative means now).
    /// </summary>
    public long ExpTime;

    /// <summary>
    /// For storage commands and <c>ms</c>: the length of the data block that follows the line (without its <c>\r\n</c>).
    /// Like memcached it is parsed as 64 bits and truncated to 32 (<c>set k 0 0 4294967297</c> reads 1 byte).
    /// </summary>
    public int DataLength;

    /// <summary>cas unique of the <c>cas</c> command.</summary>
    public ulong CasUnique;

    /// <summary>incr/decr delta; verbosity level; flush_all delay (0 when not positive); cache_memlimit megabytes.</summary>
    public ulong Number;

    /// <summary>True when an optional numeric argument (flush_all delay) was present.</summary>
    public bool HasNumber;

    /// <summary>The last token was <c>noreply</c> (text commands only; meta commands use <see cref="MetaFlags.Quiet"/>).</summary>
    public bool NoReply;

    /// <summary>Parsed meta flags (meta commands only).</summary>
    public MetaFlags Meta;

    /// <summary>
    /// When <see cref="ParseStatus.Error"/>: the complete reply line to send, including <c>\r\n</c>. Empty when memcached
    /// suppresses the error because the line ended in <c>noreply</c> (the line is still consumed). <see cref="Command"/>,
    /// <see cref="CommandName"/> and <see cref="NoReply"/> are filled in on errors too, for stats such as cmd_flush.
    /// </summary>
    public ReadOnlySpan<byte> ErrorReply;

    /// <summary>When <see cref="ParseStatus.Error"/>: memcached closes the connection after this error.</summary>
    public bool CloseAfterError;

    /// <summary>
    /// When <see cref="ParseStatus.Error"/> for <c>ms</c>: after consuming the line, also discard the next
    /// <see cref="DataLength"/> + 2 bytes unseen (memcached's conn_swallow). Classic storage commands never swallow in 1.6.18.
    /// </summary>
    public bool SwallowData;
}
