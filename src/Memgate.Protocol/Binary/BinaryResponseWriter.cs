using System.Buffers;
using System.Buffers.Binary;

namespace Memgate.Protocol.Binary;

/// <summary>Writes binary responses into an <see cref="IBufferWriter{T}"/> without allocating.</summary>
public static class BinaryResponseWriter
{
    /// <summary>Writes a response header; the caller writes extras, key and value (<paramref name="bodyLength"/> bytes) after it.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, byte opcode, BinaryStatus status, int keyLength, int extrasLength, int bodyLength, uint opaque, ulong cas)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(BinaryHeader.Size);
        FillHeader(span, opcode, status, keyLength, extrasLength, bodyLength, opaque, cas);
        writer.Advance(BinaryHeader.Size);
    }

    /// <summary>Fills the first 24 bytes of <paramref name="span"/> with a response header.</summary>
    public static void FillHeader(Span<byte> span, byte opcode, BinaryStatus status, int keyLength, int extrasLength, int bodyLength, uint opaque, ulong cas)
    {
        span[0] = BinaryHeader.ResponseMagic;
        span[1] = opcode;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)keyLength);
        span[4] = (byte)extrasLength;
        span[5] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)status);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)bodyLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], opaque);
        BinaryPrimitives.WriteUInt64BigEndian(span[16..], cas);
    }

    /// <summary>A header-only response, or one whose body is <paramref name="body"/> (no extras, no key).</summary>
    public static void WriteSimple(IBufferWriter<byte> writer, byte opcode, BinaryStatus status, uint opaque, ulong cas, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(BinaryHeader.Size + body.Length);
        FillHeader(span, opcode, status, 0, 0, body.Length, opaque, cas);
        body.CopyTo(span[BinaryHeader.Size..]);
        writer.Advance(BinaryHeader.Size + body.Length);
    }

    /// <summary>An error response with memcached's text for the status (CAS 0).</summary>
    public static void WriteError(IBufferWriter<byte> writer, byte opcode, BinaryStatus status, uint opaque)
        => WriteSimple(writer, opcode, status, opaque, 0, ErrorText(status));

    /// <summary>The body memcached's write_bin_error sends for a status when no specific text is given.</summary>
    public static ReadOnlySpan<byte> ErrorText(BinaryStatus status) => status switch
    {
        BinaryStatus.OutOfMemory => "Out of memory"u8,
        BinaryStatus.UnknownCommand => "Unknown command"u8,
        BinaryStatus.KeyNotFound => "Not found"u8,
        BinaryStatus.InvalidArguments => "Invalid arguments"u8,
        BinaryStatus.KeyExists => "Data exists for key."u8,
        BinaryStatus.TooLarge => "Too large."u8,
        BinaryStatus.DeltaBadValue => "Non-numeric server-side value for incr or decr"u8,
        BinaryStatus.NotStored => "Not stored."u8,
        BinaryStatus.AuthError => "Auth failure."u8,
        _ => "UNHANDLED ERROR"u8,
    };
}
