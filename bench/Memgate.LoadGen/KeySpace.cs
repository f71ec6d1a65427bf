using System.Globalization;
using System.Text;

namespace Memgate.LoadGen;

/// <summary>
/// All keys of the run, built once: <c>memgate:NNNNNNNN</c>, 16 bytes each, stored back to back so a
/// request is composed by copying slices and never by formatting.
/// </summary>
internal sealed class KeySpace
{
    public const int KeyLength = 16;
    public const int MaxKeys = 100_000_000;

    private readonly byte[] _keys;

    public KeySpace(int count)
    {
        Count = count;
        _keys = new byte[count * KeyLength];
        for (var i = 0; i < count; i++)
        {
            Encoding.ASCII.GetBytes("memgate:" + i.ToString("D8", CultureInfo.InvariantCulture), _keys.AsSpan(i * KeyLength, KeyLength));
        }
    }

    public int Count { get; }

    public ReadOnlySpan<byte> Key(int index) => _keys.AsSpan(index * KeyLength, KeyLength);
}
