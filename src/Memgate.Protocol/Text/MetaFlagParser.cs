namespace Memgate.Protocol.Text;

/// <summary>
/// memcached 1.6.18's <c>_meta_flag_preparse</c>: only the first byte of a flag token names the flag ("vq" is v).
/// A duplicate or unknown flag stops at once; a bad value records its message and parsing goes on, so the last bad
/// value's message wins (F keeps the previous message). 1.6.18 knows no E or x flag: they are invalid.
/// </summary>
internal static class MetaFlagParser
{
    public static bool Parse(ref TextRequest request, in LineTokens tokens, int start, Span<byte> scratch, ref ReadOnlySpan<byte> error)
    {
        ref var meta = ref request.Meta;
        meta.Delta = 1;
        meta.Raw = tokens.Between(start);
        UInt128 seen = 0;
        bool failed = false;
        for (int i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            byte flag = token[0];
            if (flag >= 127 || (seen & (UInt128.One << flag)) != 0)
            {
                error = TextReplies.MetaDuplicateFlag;
                return false;
            }

            seen |= UInt128.One << flag;
            var value = token[1..];
            switch (flag)
            {
                case (byte)'b':
                    int length = Base64KeyDecoder.Decode(request.Key, scratch);
                    if (length == 0)
                    {
                        error = TextReplies.MetaErrorDecodingKey;
                        failed = true;
                    }

                    request.Key = scratch[..length];
                    break;
                case (byte)'N':
                    failed |= !TryTtl(value, out meta.VivifyTtl, ref error);
                    break;
                case (byte)'T':
                    failed |= !TryTtl(value, out meta.Ttl, ref error);
                    break;
                case (byte)'R':
                    failed |= !TryTtl(value, out meta.RecacheTtl, ref error);
                    break;
                case (byte)'O':
                    meta.Opaque = value;
                    break;
                case (byte)'F':
                    failed |= !NumberParser.TryParseUInt32(value, out meta.ClientFlags);
                    break;
                case (byte)'C':
                    if (!NumberParser.TryParseUInt64(value, out meta.CompareCas))
                    {
                        error = TextReplies.MetaBadToken;
                        failed = true;
                    }

                    break;
                case (byte)'M':
                    if (token.Length != 2)
                    {
                        error = TextReplies.MetaIncorrectModeLength;
                        failed = true;
                    }
                    else
                    {
                        meta.Mode = token[1];
                    }

                    break;
                case (byte)'J':
                    if (!NumberParser.TryParseUInt64(value, out meta.Initial))
                    {
                        error = TextReplies.MetaInvalidInitialValue;
                        failed = true;
                    }

                    break;
                case (byte)'D':
                    if (!NumberParser.TryParseUInt64(value, out meta.Delta))
                    {
                        error = TextReplies.MetaInvalidDeltaValue;
                        failed = true;
                    }

                    break;
                case (byte)'P' or (byte)'L' or (byte)'l' or (byte)'k' or (byte)'s' or (byte)'t' or (byte)'c'
                    or (byte)'f' or (byte)'v' or (byte)'h' or (byte)'u' or (byte)'q' or (byte)'I':
                    break;
                default:
                    error = TextReplies.MetaInvalidFlag;
                    return false;
            }

            meta.Present |= MetaFlags.Bit((char)flag);
        }

        return !failed;
    }

    /// <summary>The opaque token is limited to 32 bytes including its 'O'.</summary>
    public static bool OpaqueTooLong(in MetaFlags meta) => meta.OpaqueTooLong;

    private static bool TryTtl(ReadOnlySpan<byte> value, out long ttl, ref ReadOnlySpan<byte> error)
    {
        bool ok = NumberParser.TryParseInt32(value, out int parsed);
        ttl = parsed;
        if (!ok)
        {
            error = TextReplies.MetaBadToken;
        }

        return ok;
    }
}
