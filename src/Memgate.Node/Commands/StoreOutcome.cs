namespace Memgate.Node.Commands;

/// <summary>Result of a store, mapping to STORED/EXISTS/NOT_FOUND/NOT_STORED (HD/EX/NF/NS) or a server error.</summary>
internal enum StoreOutcome : byte
{
    Stored,
    Exists,
    NotFound,
    NotStored,
    TooLarge,
    OutOfMemory,
}
