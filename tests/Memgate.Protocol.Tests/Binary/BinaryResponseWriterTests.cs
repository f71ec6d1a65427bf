using System.Buffers;
using Memgate.Protocol.Binary;

namespace Memgate.Protocol.Tests.Binary;

public sealed class BinaryResponseWriterTests
{
    [Fact]
    public void Error_carries_memcached_text_and_the_request_opaque()
    {
        var writer = new ArrayBufferWriter<byte>();
        BinaryResponseWriter.WriteError(writer, 0x11, BinaryStatus.KeyExists, 0xa1b2c3d4);
        byte[] expected =
        [
            0x81, 0x11, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 20, 0xa1, 0xb2, 0xc3, 0xd4, 0, 0, 0, 0, 0, 0, 0, 0,
            .. "Data exists for key."u8.ToArray(),
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(BinaryStatus.KeyNotFound, "Not found")]
    [InlineData(BinaryStatus.TooLarge, "Too large.")]
    [InlineData(BinaryStatus.InvalidArguments, "Invalid arguments")]
    [InlineData(BinaryStatus.NotStored, "Not stored.")]
    [InlineData(BinaryStatus.DeltaBadValue, "Non-numeric server-side value for incr or decr")]
    [InlineData(BinaryStatus.UnknownCommand, "Unknown command")]
    [InlineData(BinaryStatus.OutOfMemory, "Out of memory")]
    [InlineData(BinaryStatus.AuthError, "Auth failure.")]
    public void Error_texts_match_memcached(BinaryStatus status, string text)
        => Assert.Equal(text, System.Text.Encoding.ASCII.GetString(BinaryResponseWriter.ErrorText(status)));

    [Fact]
    public void Header_writes_cas_and_lengths_big_endian()
    {
        var writer = new ArrayBufferWriter<byte>();
        BinaryResponseWriter.WriteHeader(writer, 0x0c, BinaryStatus.Success, 3, 4, 12, 7, 0x0102030405060708);
        Assert.Equal(
            new byte[] { 0x81, 0x0c, 0, 3, 4, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8 },
            writer.WrittenSpan.ToArray());
    }
}
