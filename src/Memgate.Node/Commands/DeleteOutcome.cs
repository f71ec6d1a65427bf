namespace Memgate.Node.Commands;

/// <summary>Result of a delete: DELETED / NOT_FOUND, or EXISTS when a binary DELETE's CAS does not match.</summary>
internal enum DeleteOutcome : byte
{
    Deleted,
    NotFound,
    Exists,
}
