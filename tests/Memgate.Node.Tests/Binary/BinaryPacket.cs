using System.Buffers.Binary;
using System.Text;
using Memgate.Protocol.Binary;

namespace Memgate.Node.Tests.Binary;

/// <summary>Builds binary request packets, including deliberately malformed ones.</summary>
public static class BinaryPacket
{
    /// <summary>The opaque of the NOOP that ends every step of a differential case.</summary>
    public const uint SentinelOpaque = 0x5E171E1;

    public static byte[] Noop(uint opaque = 0) => Request(BinaryOpcode.Noop, opaque: opaque);

    public static byte[] Sentinel => Noop(SentinelOpaque);

    /// <summary>A request; the length fields follow the parts unless overridden.</summary>
    public static byte[] Request(
        BinaryOpcode opcode,
        string key = "",
        byte[]? extras = null,
        byte[]? value = null,
        ulong cas = 0,
        uint opaque = 0,
        byte magic = BinaryHeader.RequestMagic,
        int? keyLength = null,
        int? extrasLength = null,
        uint? bodyLength = null)
        => Raw((byte)opcode, Encoding.Latin1.GetBytes(key), extras ?? [], value ?? [], cas, opaque, magic, keyLength, extrasLength, bodyLength);

    public static byte[] Raw(byte opcode, byte[] key, byte[] extras, byte[] value, ulong cas = 0, uint opaque = 0, byte magic = BinaryHeader.RequestMagic, int? keyLength = null, int? extrasLength = null, uint? bodyLength = null)
    {
        var packet = new byte[BinaryHeader.Size + extras.Length + key.Length + value.Length];
        packet[0] = magic;
        packet[1] = opcode;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(keyLength ?? key.Length));
        packet[4] = (byte)(extrasLength ?? extras.Length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), bodyLength ?? (uint)(extras.Length + key.Length + value.Length));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), opaque);
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(16), cas);
        extras.CopyTo(packet, BinaryHeader.Size);
        key.CopyTo(packet, BinaryHeader.Size + extras.Length);
        value.CopyTo(packet, BinaryHeader.Size + extras.Length + key.Length);
        return packet;
    }

    /// <summary>SET/ADD/REPLACE (and quiet forms) with flags and expiration extras.</summary>
    public static byte[] Store(BinaryOpcode opcode, string key, string value, uint flags = 0, uint expiration = 0, ulong cas = 0)
        => Request(opcode, key, StoreExtras(flags, expiration), Encoding.Latin1.GetBytes(value), cas);

    public static byte[] Get(BinaryOpcode opcode, string key) => Request(opcode, key);

    /// <summary>INCREMENT/DECREMENT (and quiet forms).</summary>
    public static byte[] Delta(BinaryOpcode opcode, string key, ulong delta, ulong initial = 0, uint expiration = 0, ulong cas = 0)
    {
        var extras = new byte[20];
        BinaryPrimitives.WriteUInt64BigEndian(extras, delta);
        BinaryPrimitives.WriteUInt64BigEndian(extras.AsSpan(8), initial);
        BinaryPrimitives.WriteUInt32BigEndian(extras.AsSpan(16), expiration);
        return Request(opcode, key, extras, cas: cas);
    }

    /// <summary>TOUCH/GAT/GATK (and quiet forms).</summary>
    public static byte[] Touch(BinaryOpcode opcode, string key, uint expiration) => Request(opcode, key, Expiration(expiration));

    public static byte[] StoreExtras(uint flags, uint expiration)
    {
        var extras = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(extras, flags);
        BinaryPrimitives.WriteUInt32BigEndian(extras.AsSpan(4), expiration);
        return extras;
    }

    public static byte[] Expiration(uint expiration)
    {
        var extras = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(extras, expiration);
        return extras;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
