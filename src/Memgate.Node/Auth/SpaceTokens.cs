namespace Memgate.Node.Auth;

/// <summary>memcached's tokenize_command: tokens are separated by runs of ' ' only (a tab or '\r' is part of a token).</summary>
internal ref struct SpaceTokens
{
    private ReadOnlySpan<byte> _rest;

    public SpaceTokens(ReadOnlySpan<byte> text)
    {
        _rest = text;
    }

    public bool Next(out ReadOnlySpan<byte> token)
    {
        _rest = _rest.TrimStart((byte)' ');
        int end = _rest.IndexOf((byte)' ');
        token = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? default : _rest[end..];
        return !token.IsEmpty;
    }
}
