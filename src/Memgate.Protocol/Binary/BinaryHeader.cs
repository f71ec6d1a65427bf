using System.Buffers.Binary;

namespace Memgate.Protocol.Binary;

/// <summary>The 24-byte header of a binary request, decoded from network byte order.</summary>
public readonly record struct BinaryHeader(
    byte Magic,
    byte Opcode,
    ushort KeyLength,
    byte ExtrasLength,
    byte DataType,
    ushort VBucket,
    uint BodyLength,
    uint Opaque,
    ulong Cas)
{
    public const int Size = 24;
    public const byte RequestMagic = 0x80;
    public const byte ResponseMagic = 0x81;

    /// <summary>Decodes the first <see cref="Size"/> bytes of <paramref name="bytes"/> (which must be that long).</summary>
    public static BinaryHeader Read(ReadOnlySpan<byte> bytes) => new(
        bytes[0],
        bytes[1],
        BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
        bytes[4],
        bytes[5],
        BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]),
        BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]));

    /// <summary>
    /// Bytes of the body after extras and key, as memcached computes it: a 32-bit difference read as a signed int,
    /// so a body length of 2^31 or more gives a negative value.
    /// </summary>
    public int ValueLength => unchecked((int)(BodyLength - KeyLength - ExtrasLength));
}
