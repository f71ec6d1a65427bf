namespace Memgate.Protocol.Binary;

/// <summary>
/// Finds the next binary request in the receive buffer the way memcached's try_read_command_binary does: the magic
/// is checked once 24 bytes are present, then extras and key must be buffered before the request is dispatched.
/// The value is not part of the frame; the caller reads (or swallows) it depending on the opcode. Never throws.
/// </summary>
public static class BinaryRequestParser
{
    /// <param name="input">Received bytes, starting at a request.</param>
    /// <param name="request">The request when <see cref="BinaryParseStatus.Complete"/>.</param>
    /// <param name="needed">With <see cref="BinaryParseStatus.Incomplete"/>: bytes the frame needs (0 = at least a header).</param>
    public static BinaryParseStatus Parse(ReadOnlySpan<byte> input, out BinaryRequest request, out int needed)
    {
        request = default;
        needed = 0;
        if (input.Length < BinaryHeader.Size)
        {
            return BinaryParseStatus.Incomplete;
        }

        var header = BinaryHeader.Read(input);
        if (header.Magic != BinaryHeader.RequestMagic)
        {
            return BinaryParseStatus.BadMagic;
        }

        int frame = BinaryHeader.Size + header.ExtrasLength + header.KeyLength;
        if (input.Length < frame)
        {
            needed = frame;
            return BinaryParseStatus.Incomplete;
        }

        request = new BinaryRequest(
            header,
            input.Slice(BinaryHeader.Size, header.ExtrasLength),
            input.Slice(BinaryHeader.Size + header.ExtrasLength, header.KeyLength));
        return BinaryParseStatus.Complete;
    }
}
