using System.Buffers;
using System.Buffers.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>The return flags every meta command echoes: O (opaque) and k (key; base64 plus " b" for binary keys).</summary>
internal static class MetaKeyEcho
{
    /// <summary>Writes the O/k flag (if <paramref name="token"/> is one) and returns true when it was handled.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> token, ReadOnlySpan<byte> key, bool binaryKey, OutputBuffer output)
    {
        switch (token[0])
        {
            case (byte)'O':
                output.WriteByte((byte)' ');
                output.Write(token);
                return true;
            case (byte)'k':
                WriteKey(key, binaryKey, output);
                return true;
            default:
                return false;
        }
    }

    public static void WriteKey(ReadOnlySpan<byte> key, bool binaryKey, OutputBuffer output)
    {
        output.WriteMetaFlag((byte)'k');
        WriteKeyText(key, binaryKey, output);
        if (binaryKey)
        {
            output.Write(" b"u8);
        }
    }

    /// <summary>The key as the client sent it: raw, or base64 for binary keys.</summary>
    public static void WriteKeyText(ReadOnlySpan<byte> key, bool binaryKey, OutputBuffer output)
    {
        if (!binaryKey)
        {
            output.Write(key);
            return;
        }

        var span = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(key.Length));
        Base64.EncodeToUtf8(key, span, out _, out int written);
        output.Advance(written);
    }

    /// <summary>Echoes only O and k, for replies that carry no item (EN, NF, EX, NS).</summary>
    public static void WriteAll(ReadOnlySpan<byte> rawFlags, ReadOnlySpan<byte> key, bool binaryKey, OutputBuffer output)
    {
        var tokens = new Memgate.Protocol.Text.TokenReader(rawFlags);
        while (tokens.TryRead(out var token))
        {
            TryWrite(token, key, binaryKey, output);
        }
    }
}
