using System.Buffers.Text;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Builds meta command lines for a key the proxy itself sends (copies and invalidations). Keys
/// that are not plain text tokens (they came base64-encoded with the <c>b</c> flag) are sent base64
/// with <c>b</c> again.
/// </summary>
internal static class MetaKey
{
    /// <summary>"<paramref name="command"/> key[ flags][ b]\r\n".</summary>
    public static byte[] Line(ReadOnlySpan<byte> command, ReadOnlySpan<byte> key, ReadOnlySpan<byte> flags)
    {
        bool binary = NeedsBase64(key);
        int keyLength = binary ? Base64.GetMaxEncodedToUtf8Length(key.Length) : key.Length;
        byte[] line = new byte[command.Length + 1 + keyLength + (flags.IsEmpty ? 0 : flags.Length + 1) + (binary ? 2 : 0) + 2];
        int at = 0;
        command.CopyTo(line);
        at += command.Length;
        line[at++] = (byte)' ';
        if (binary)
        {
            Base64.EncodeToUtf8(key, line.AsSpan(at), out _, out int written);
            at += written;
        }
        else
        {
            key.CopyTo(line.AsSpan(at));
            at += key.Length;
        }

        if (!flags.IsEmpty)
        {
            line[at++] = (byte)' ';
            flags.CopyTo(line.AsSpan(at));
            at += flags.Length;
        }

        if (binary)
        {
            // Last, because ms needs its data length right after the key.
            line[at++] = (byte)' ';
            line[at++] = (byte)'b';
        }

        line[at++] = (byte)'\r';
        line[at++] = (byte)'\n';
        return at == line.Length ? line : line[..at];
    }

    /// <summary>The key as the text protocol can carry it (space- and control-free, at most 250 bytes).</summary>
    public static bool NeedsBase64(ReadOnlySpan<byte> key)
    {
        foreach (byte b in key)
        {
            if (b <= (byte)' ' || b == 0x7f)
            {
                return true;
            }
        }

        return false;
    }
}
