namespace Memgate.Protocol.Binary;

/// <summary>Outcome of looking for one binary request at the start of the receive buffer.</summary>
public enum BinaryParseStatus : byte
{
    /// <summary>Header, extras and key are present (the value, if any, may still be arriving).</summary>
    Complete,

    /// <summary>Fewer bytes than the header (or header + extras + key) needs.</summary>
    Incomplete,

    /// <summary>The first byte is not the request magic: memcached closes the connection without a reply.</summary>
    BadMagic,
}
