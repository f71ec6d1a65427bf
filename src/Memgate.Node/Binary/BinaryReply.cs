using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>Responses to one request: memcached answers with the request's own opcode (quiet or not) and opaque.</summary>
internal static class BinaryReply
{
    public static void Error(OutputBuffer output, in BinaryHeader request, BinaryStatus status)
        => BinaryResponseWriter.WriteError(output, request.Opcode, status, request.Opaque);

    /// <summary>A success response with an optional body (no extras, no key).</summary>
    public static void Success(OutputBuffer output, in BinaryHeader request, ulong cas, ReadOnlySpan<byte> body = default)
        => BinaryResponseWriter.WriteSimple(output, request.Opcode, BinaryStatus.Success, request.Opaque, cas, body);

    /// <summary>An error with a specific text instead of the status's generic one (memcached's out_of_memory messages).</summary>
    public static void Error(OutputBuffer output, in BinaryHeader request, BinaryStatus status, ReadOnlySpan<byte> text)
        => BinaryResponseWriter.WriteSimple(output, request.Opcode, status, request.Opaque, 0, text);
}
