namespace Memgate.Protocol.Binary;

/// <summary>What memcached's dispatch_bin_command decides about a request before executing it.</summary>
public enum BinaryRequestCheck : byte
{
    /// <summary>A known opcode with a valid layout.</summary>
    Valid,

    /// <summary>Key or key + extras longer than the body: "Unknown command", then close.</summary>
    Inconsistent,

    /// <summary>Key over 250 bytes or a layout the opcode does not accept: "Invalid arguments", then close.</summary>
    InvalidArguments,

    /// <summary>An opcode memcached does not serve: "Unknown command", then the body length is swallowed.</summary>
    UnknownOpcode,
}
