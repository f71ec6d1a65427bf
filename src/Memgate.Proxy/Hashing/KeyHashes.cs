using System.Buffers.Binary;

namespace Memgate.Proxy.Hashing;

/// <summary>
/// The 32-bit key hashes of <see cref="KeyHashKind"/>. Allocation-free: they run for every request.
/// </summary>
/// <remarks>
/// The C originals read keys through <c>const char*</c>, which is signed on x86-64, so bytes
/// 0x80..0xFF are sign-extended before mixing. That is reproduced here (the <c>(sbyte)</c> casts),
/// because the placement must match those programs as deployed, not as they might be on ARM.
/// </remarks>
public static class KeyHashes
{
    private const uint Fnv32Init = 2166136261;
    private const uint Fnv32Prime = 16777619;
    private const ulong Fnv64Init = 0xcbf29ce484222325;
    private const ulong Fnv64Prime = 0x100000001b3;

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Hashes <paramref name="key"/> with <paramref name="kind"/>.</summary>
    public static uint Compute(KeyHashKind kind, ReadOnlySpan<byte> key) => kind switch
    {
        KeyHashKind.Md5 => Md5(key, 0),
        KeyHashKind.OneAtATime => OneAtATime(key),
        KeyHashKind.Fnv1_32 => Fnv1_32(key),
        KeyHashKind.Fnv1a_32 => Fnv1a_32(key),
        KeyHashKind.Fnv1_64 => Fnv1_64(key),
        KeyHashKind.Fnv1a_64 => Fnv1a_64(key),
        KeyHashKind.Crc32 => (~Crc(key) >> 16) & 0x7fff,
        KeyHashKind.Crc32a => ~Crc(key),
        KeyHashKind.MagentDjb => MagentDjb(key),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Four bytes of the MD5 digest at <paramref name="alignment"/> (0..3), little-endian: ketama
    /// takes four ring points from one digest this way.
    /// </summary>
    public static uint Md5(ReadOnlySpan<byte> data, int alignment)
    {
        Span<byte> digest = stackalloc byte[16];
        Md5Digest.Hash(data, digest);
        return BinaryPrimitives.ReadUInt32LittleEndian(digest.Slice(alignment * 4, 4));
    }

    private static uint OneAtATime(ReadOnlySpan<byte> key)
    {
        uint value = 0;
        foreach (byte b in key)
        {
            value += (uint)(sbyte)b;
            value += value << 10;
            value ^= value >> 6;
        }

        value += value << 3;
        value ^= value >> 11;
        value += value << 15;
        return value;
    }

    private static uint Fnv1_32(ReadOnlySpan<byte> key)
    {
        uint hash = Fnv32Init;
        foreach (byte b in key)
        {
            hash *= Fnv32Prime;
            hash ^= (uint)(sbyte)b;
        }

        return hash;
    }

    private static uint Fnv1a_32(ReadOnlySpan<byte> key)
    {
        uint hash = Fnv32Init;
        foreach (byte b in key)
        {
            hash ^= (uint)(sbyte)b;
            hash *= Fnv32Prime;
        }

        return hash;
    }

    private static uint Fnv1_64(ReadOnlySpan<byte> key)
    {
        ulong hash = Fnv64Init;
        foreach (byte b in key)
        {
            hash *= Fnv64Prime;
            hash ^= (ulong)(sbyte)b;
        }

        return (uint)hash;
    }

    // twemproxy's fnv1a_64 truncates both constants to 32 bits and works in 32-bit arithmetic;
    // being its default hash, the quirk is what deployed layouts depend on.
    private static uint Fnv1a_64(ReadOnlySpan<byte> key)
    {
        uint hash = unchecked((uint)Fnv64Init);
        foreach (byte b in key)
        {
            hash ^= (uint)(sbyte)b;
            hash *= unchecked((uint)Fnv64Prime);
        }

        return hash;
    }

    private static uint MagentDjb(ReadOnlySpan<byte> key)
    {
        uint hash = 5381;
        foreach (byte b in key)
        {
            hash = (hash << 5) + hash + (uint)(sbyte)b;
        }

        return hash & 0x7FFFFFFF;
    }

    private static uint Crc(ReadOnlySpan<byte> key)
    {
        uint crc = ~0u;
        foreach (byte b in key)
        {
            crc = (crc >> 8) ^ CrcTable[(crc ^ b) & 0xff];
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
