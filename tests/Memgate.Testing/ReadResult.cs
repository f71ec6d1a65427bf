using System.Text;

namespace Memgate.Testing;

/// <summary>Bytes a <see cref="RawClient"/> read, and why the read stopped.</summary>
public sealed record ReadResult(byte[] Data, ReadEnd End)
{
    public bool IsComplete => End == ReadEnd.Complete;

    public bool Closed => End == ReadEnd.Closed;

    /// <summary>The bytes as Latin-1 text (one char per byte).</summary>
    public string Text => Encoding.Latin1.GetString(Data);

    public override string ToString() => $"{End}: {Escaping.Escape(Text, 600)}";
}
