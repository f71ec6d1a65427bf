namespace Memgate.Node.Commands;

/// <summary>memcached's store "comm" values (NREAD_*).</summary>
internal enum StoreMode : byte
{
    Set,
    Add,
    Replace,
    Append,
    Prepend,
    Cas,
}
