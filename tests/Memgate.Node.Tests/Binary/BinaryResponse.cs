using System.Buffers.Binary;
using System.Text;
using Memgate.Protocol.Binary;

namespace Memgate.Node.Tests.Binary;

/// <summary>One response packet as received.</summary>
public sealed record BinaryResponse(byte Magic, byte Opcode, ushort KeyLength, byte ExtrasLength, byte DataType, ushort Status, uint Opaque, ulong Cas, byte[] Body)
{
    public ReadOnlySpan<byte> Extras => Body.AsSpan(0, ExtrasLength);

    public string Key => Encoding.Latin1.GetString(Body, ExtrasLength, KeyLength);

    public string Value => Encoding.Latin1.GetString(Body, ExtrasLength + KeyLength, Body.Length - ExtrasLength - KeyLength);

    /// <summary>Parses complete packets from the start of <paramref name="data"/>; returns the bytes they cover.</summary>
    public static int ParseAll(ReadOnlySpan<byte> data, List<BinaryResponse> into)
    {
        int offset = 0;
        while (data.Length - offset >= BinaryHeader.Size && data[offset] == BinaryHeader.ResponseMagic)
        {
            var header = data.Slice(offset, BinaryHeader.Size);
            uint bodyLength = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            if (data.Length - offset - BinaryHeader.Size < bodyLength)
            {
                break;
            }

            into.Add(new BinaryResponse(
                header[0],
                header[1],
                BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
                header[4],
                header[5],
                BinaryPrimitives.ReadUInt16BigEndian(header[6..]),
                BinaryPrimitives.ReadUInt32BigEndian(header[12..]),
                BinaryPrimitives.ReadUInt64BigEndian(header[16..]),
                data.Slice(offset + BinaryHeader.Size, (int)bodyLength).ToArray()));
            offset += BinaryHeader.Size + (int)bodyLength;
        }

        return offset;
    }

    /// <summary>Length of the reply up to and including the sentinel NOOP, or -1 if it has not arrived.</summary>
    public static int FrameUntilSentinel(ReadOnlyMemory<byte> data)
    {
        var packets = new List<BinaryResponse>();
        ParseAll(data.Span, packets);
        int offset = 0;
        foreach (var packet in packets)
        {
            offset += BinaryHeader.Size + packet.Body.Length;
            if (packet.Opcode == (byte)BinaryOpcode.Noop && packet.Opaque == BinaryPacket.SentinelOpaque)
            {
                return offset;
            }
        }

        return -1;
    }
}
