namespace Memgate.Node.Commands;

/// <summary>memcached's delta_result_type.</summary>
internal enum DeltaOutcome : byte
{
    Ok,
    NonNumeric,
    OutOfMemory,
    NotFound,
    CasMismatch,
}
