namespace Memgate.Protocol.Binary;

/// <summary>Response status codes (memcached's protocol_binary_response_status).</summary>
public enum BinaryStatus : ushort
{
    Success = 0x00,
    KeyNotFound = 0x01,
    KeyExists = 0x02,
    TooLarge = 0x03,
    InvalidArguments = 0x04,
    NotStored = 0x05,
    DeltaBadValue = 0x06,
    AuthError = 0x20,
    AuthContinue = 0x21,
    UnknownCommand = 0x81,
    OutOfMemory = 0x82,
}
