namespace Memgate.Storage;

/// <summary>Outcome of allocating a new item.</summary>
public enum AllocationResult : byte
{
    Ok,
    /// <summary>Header + key + value exceeds -I: "SERVER_ERROR object too large for cache".</summary>
    TooLarge,
    /// <summary>No memory and eviction impossible or disabled (-M): "SERVER_ERROR out of memory storing object".</summary>
    OutOfMemory,
}
