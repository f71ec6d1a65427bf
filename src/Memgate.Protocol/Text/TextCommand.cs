namespace Memgate.Protocol.Text;

/// <summary>A command of memcached's text protocol, including the meta commands.</summary>
public enum TextCommand : byte
{
    None = 0,
    Get,
    Gets,
    Gat,
    Gats,
    Set,
    Add,
    Replace,
    Append,
    Prepend,
    Cas,
    Delete,
    Incr,
    Decr,
    Touch,
    FlushAll,
    Version,
    Verbosity,
    Quit,
    Shutdown,
    CacheMemlimit,
    Stats,
    /// <summary>Admin commands answered with simple status lines (slabs, lru, lru_crawler, watch, misbehave...).</summary>
    Admin,
    MetaGet,
    MetaSet,
    MetaDelete,
    MetaArithmetic,
    MetaNoop,
    MetaDebug,
}
