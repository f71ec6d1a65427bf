namespace Memgate.Protocol.Binary;

/// <summary>A binary request's header with its extras and key, pointing into the receive buffer.</summary>
public readonly ref struct BinaryRequest
{
    public BinaryRequest(BinaryHeader header, ReadOnlySpan<byte> extras, ReadOnlySpan<byte> key)
    {
        Header = header;
        Extras = extras;
        Key = key;
    }

    public BinaryHeader Header { get; }

    public ReadOnlySpan<byte> Extras { get; }

    public ReadOnlySpan<byte> Key { get; }

    /// <summary>Header + extras + key: what memcached consumes before it looks at the opcode.</summary>
    public int FrameLength => BinaryHeader.Size + Extras.Length + Key.Length;
}
