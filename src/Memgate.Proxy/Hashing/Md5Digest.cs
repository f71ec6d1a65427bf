using System.Buffers.Binary;
using System.Numerics;

namespace Memgate.Proxy.Hashing;

/// <summary>
/// MD5 (RFC 1321) in managed code, for ketama's per-request key hash. The platform's
/// <c>MD5.HashData</c> calls into OpenSSL (EVP context set-up, error-queue clearing): about 5 % of
/// the proxy's CPU under load, several times the cost of hashing a 16-byte key here.
/// </summary>
internal static class Md5Digest
{
    private static readonly uint[] K = BuildK();

    private static readonly int[] Shifts =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    /// <summary>Writes the 16-byte digest of <paramref name="data"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        uint a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        int full = data.Length & ~63;
        for (int offset = 0; offset < full; offset += 64)
        {
            Block(data.Slice(offset, 64), ref a, ref b, ref c, ref d);
        }

        // The tail, 0x80, zeros and the bit length: one block, or two when the tail leaves no room for the length.
        Span<byte> last = stackalloc byte[128];
        last.Clear();
        ReadOnlySpan<byte> tail = data[full..];
        tail.CopyTo(last);
        last[tail.Length] = 0x80;
        int blocks = tail.Length < 56 ? 1 : 2;
        BinaryPrimitives.WriteUInt64LittleEndian(last.Slice((blocks * 64) - 8), (ulong)data.Length * 8);
        for (int i = 0; i < blocks; i++)
        {
            Block(last.Slice(i * 64, 64), ref a, ref b, ref c, ref d);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(digest, a);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[4..], b);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[8..], c);
        BinaryPrimitives.WriteUInt32LittleEndian(digest[12..], d);
    }

    private static void Block(ReadOnlySpan<byte> block, ref uint a0, ref uint b0, ref uint c0, ref uint d0)
    {
        Span<uint> m = stackalloc uint[16];
        for (int i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(i * 4, 4));
        }

        uint a = a0, b = b0, c = c0, d = d0;
        for (int i = 0; i < 64; i++)
        {
            uint f;
            int g;
            switch (i >> 4)
            {
                case 0:
                    f = (b & c) | (~b & d);
                    g = i;
                    break;
                case 1:
                    f = (d & b) | (~d & c);
                    g = ((5 * i) + 1) & 15;
                    break;
                case 2:
                    f = b ^ c ^ d;
                    g = ((3 * i) + 5) & 15;
                    break;
                default:
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                    break;
            }

            f += a + K[i] + m[g];
            a = d;
            d = c;
            c = b;
            b += BitOperations.RotateLeft(f, Shifts[i]);
        }

        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }

    private static uint[] BuildK()
    {
        var k = new uint[64];
        for (int i = 0; i < 64; i++)
        {
            k[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        }

        return k;
    }
}
