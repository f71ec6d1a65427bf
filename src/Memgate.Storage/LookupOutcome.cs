namespace Memgate.Storage;

/// <summary>Why a lookup found or did not find an item (drives get_expired / get_flushed stats).</summary>
public enum LookupOutcome : byte
{
    Hit,
    Miss,
    /// <summary>The item existed but its exptime has passed; it was reclaimed.</summary>
    Expired,
    /// <summary>The item existed but was invalidated by flush_all; it was reclaimed.</summary>
    Flushed,
}
