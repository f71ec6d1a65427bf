using System.Buffers.Binary;
using Memgate.Protocol.Binary;

namespace Memgate.Protocol.Tests.Binary;

public sealed class BinaryRequestParserTests
{
    [Fact]
    public void Fewer_than_24_bytes_need_more_without_looking_at_the_magic()
    {
        var bytes = new byte[23];
        Assert.Equal(BinaryParseStatus.Incomplete, BinaryRequestParser.Parse(bytes, out _, out int needed));
        Assert.Equal(0, needed);
    }

    [Fact]
    public void Wrong_magic_is_reported_once_a_header_is_present()
    {
        var bytes = Packet(0x0a, [], [], []);
        bytes[0] = 0x81;
        Assert.Equal(BinaryParseStatus.BadMagic, BinaryRequestParser.Parse(bytes, out _, out _));
    }

    [Fact]
    public void Extras_and_key_must_be_buffered_but_not_the_value()
    {
        var bytes = Packet(0x01, "key"u8.ToArray(), new byte[8], "value"u8.ToArray());
        Assert.Equal(BinaryParseStatus.Incomplete, BinaryRequestParser.Parse(bytes.AsSpan(0, 34), out _, out int needed));
        Assert.Equal(35, needed);

        Assert.Equal(BinaryParseStatus.Complete, BinaryRequestParser.Parse(bytes.AsSpan(0, 35), out var request, out _));
        Assert.Equal(35, request.FrameLength);
        Assert.Equal("key"u8.ToArray(), request.Key.ToArray());
        Assert.Equal(8, request.Extras.Length);
        Assert.Equal(5, request.Header.ValueLength);
    }

    [Fact]
    public void Header_fields_are_big_endian()
    {
        var bytes = Packet(0x05, "k"u8.ToArray(), new byte[20], [], cas: 0x0102030405060708, opaque: 0xdeadbeef);
        Assert.Equal(BinaryParseStatus.Complete, BinaryRequestParser.Parse(bytes, out var request, out _));
        Assert.Equal(0x05, request.Header.Opcode);
        Assert.Equal(1, request.Header.KeyLength);
        Assert.Equal(20, request.Header.ExtrasLength);
        Assert.Equal(21u, request.Header.BodyLength);
        Assert.Equal(0xdeadbeefu, request.Header.Opaque);
        Assert.Equal(0x0102030405060708ul, request.Header.Cas);
    }

    [Fact]
    public void Body_length_of_2gb_or_more_gives_a_negative_value_length_as_in_memcached()
    {
        var bytes = Packet(0x01, "k"u8.ToArray(), new byte[8], []);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 0xffffffff);
        Assert.Equal(BinaryParseStatus.Complete, BinaryRequestParser.Parse(bytes, out var request, out _));
        Assert.Equal(-10, request.Header.ValueLength);
    }

    [Fact]
    public void Parsing_does_not_allocate()
    {
        var bytes = Packet(0x00, "some-key"u8.ToArray(), [], []);
        BinaryRequestParser.Parse(bytes, out _, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            BinaryRequestParser.Parse(bytes, out var request, out _);
            BinaryRequestValidator.Check(request.Header, BinaryOpcodes.Loud(request.Header.Opcode, out _));
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    internal static byte[] Packet(byte opcode, byte[] key, byte[] extras, byte[] value, ulong cas = 0, uint opaque = 0)
    {
        var packet = new byte[24 + extras.Length + key.Length + value.Length];
        packet[0] = 0x80;
        packet[1] = opcode;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)key.Length);
        packet[4] = (byte)extras.Length;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)(extras.Length + key.Length + value.Length));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), opaque);
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(16), cas);
        extras.CopyTo(packet, 24);
        key.CopyTo(packet, 24 + extras.Length);
        value.CopyTo(packet, 24 + extras.Length + key.Length);
        return packet;
    }
}
