namespace Memgate.Protocol.Text;

/// <summary>Iterates space-separated tokens of a span; runs of spaces are collapsed, as memcached does.</summary>
public ref struct TokenReader
{
    private ReadOnlySpan<byte> _rest;

    public TokenReader(ReadOnlySpan<byte> text) => _rest = text;

    public bool TryRead(out ReadOnlySpan<byte> token)
    {
        int start = 0;
        while (start < _rest.Length && _rest[start] == (byte)' ')
        {
            start++;
        }

        if (start == _rest.Length)
        {
            token = default;
            _rest = default;
            return false;
        }

        var remaining = _rest[start..];
        int end = remaining.IndexOf((byte)' ');
        if (end < 0)
        {
            token = remaining;
            _rest = default;
        }
        else
        {
            token = remaining[..end];
            _rest = remaining[end..];
        }

        return true;
    }
}
