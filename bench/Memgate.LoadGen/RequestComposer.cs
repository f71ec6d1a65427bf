using System.Globalization;
using System.Text;

namespace Memgate.LoadGen;

/// <summary>
/// Writes memcached text commands into a caller's buffer from pre-encoded pieces: the key bytes,
/// <c>" 0 0 &lt;size&gt;\r\n"</c> and the value are built once, so composing a request is a few copies.
/// </summary>
internal sealed class RequestComposer
{
    private static ReadOnlySpan<byte> Get => "get"u8;
    private static ReadOnlySpan<byte> Set => "set "u8;
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private readonly KeySpace _keys;
    private readonly byte[] _setSuffix;
    private readonly byte[] _valueAndCrlf;

    public RequestComposer(KeySpace keys, int valueSize)
    {
        _keys = keys;
        _setSuffix = Encoding.ASCII.GetBytes(" 0 0 " + valueSize.ToString(CultureInfo.InvariantCulture) + "\r\n");
        _valueAndCrlf = new byte[valueSize + 2];
        for (var i = 0; i < valueSize; i++)
        {
            _valueAndCrlf[i] = (byte)('a' + (i % 26));
        }

        _valueAndCrlf[valueSize] = (byte)'\r';
        _valueAndCrlf[valueSize + 1] = (byte)'\n';
    }

    public int KeyCount => _keys.Count;

    /// <summary>Upper bound of one set command's bytes.</summary>
    public int MaxSetLength => Set.Length + KeySpace.KeyLength + _setSuffix.Length + _valueAndCrlf.Length;

    /// <summary>Upper bound of one get command with <paramref name="keyCount"/> keys.</summary>
    public static int MaxGetLength(int keyCount) => Get.Length + (keyCount * (KeySpace.KeyLength + 1)) + Crlf.Length;

    public int WriteSet(Span<byte> destination, int key)
    {
        var n = Copy(Set, destination);
        n += Copy(_keys.Key(key), destination[n..]);
        n += Copy(_setSuffix, destination[n..]);
        n += Copy(_valueAndCrlf, destination[n..]);
        return n;
    }

    /// <summary>Writes <c>get</c> followed by the keys picked by <paramref name="random"/>.</summary>
    public int WriteGet(Span<byte> destination, ref FastRandom random, int keyCount)
    {
        var n = Copy(Get, destination);
        for (var i = 0; i < keyCount; i++)
        {
            destination[n++] = (byte)' ';
            n += Copy(_keys.Key(random.Next(_keys.Count)), destination[n..]);
        }

        n += Copy(Crlf, destination[n..]);
        return n;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
