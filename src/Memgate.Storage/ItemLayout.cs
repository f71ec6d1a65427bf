using System.Runtime.CompilerServices;

namespace Memgate.Storage;

/// <summary>
/// The 32-byte item header that precedes key and value in native memory. It is deliberately packed (memcached's is
/// 56 bytes with CAS) so that a 16-byte key and 32-byte value fit an 80-byte chunk:
/// <code>
///  0 u32 hash-chain next (free-list next while the chunk is free)
///  4 u32 stored-at time (bits 0-30; set by Link; drives flush_all) | binary key (bit 31, meta b flag)
///  8 u32 last-access time (bits 0-30) | win-token-sent (bit 31)
/// 12 u32 exptime (relative, 0 = never)
/// 16 u32 client flags
/// 20 u32 value length (bits 0-19) | key length (bits 20-27) | linked | referenced | fetched | stale
/// 24 u64 CAS
/// 32     key, then value
/// </code>
/// Times are relative seconds (31 bits ≈ 68 years of uptime). A free chunk has a zero length word, so
/// "key length 0" means free and "key length > 0, not linked" means allocated but not yet linked.
/// Values of items in slab chunks are &lt; 1 MB and fit 20 bits; larger items have their own block whose size
/// gives the value length.
/// </summary>
internal static unsafe class ItemLayout
{
    public const int HeaderSize = 32;
    public const int MaxKeyLength = 255;
    public const int MaxPackedValueLength = (1 << 20) - 1;
    public const uint TimeMask = 0x7FFF_FFFF;

    private const uint ValueLengthMask = 0xF_FFFF;
    private const int KeyLengthShift = 20;
    private const uint LinkedBit = 1u << 28;
    private const uint ReferencedBit = 1u << 29;
    private const uint FetchedBit = 1u << 30;
    private const uint StaleBit = 1u << 31;
    private const uint WinTokenSentBit = 1u << 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref uint Next(byte* item) => ref *(uint*)item;

    private const uint BinaryKeyBit = 1u << 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint StoredAt(byte* item) => StoredAtWord(item) & TimeMask;

    /// <summary>Sets the stored-at time, keeping the binary-key bit.</summary>
    public static void SetStoredAt(byte* item, uint now) => StoredAtWord(item) = (StoredAtWord(item) & BinaryKeyBit) | (now & TimeMask);

    /// <summary>The key arrived base64-encoded (meta b flag) and is echoed back that way.</summary>
    public static bool IsKeyBinary(byte* item) => (StoredAtWord(item) & BinaryKeyBit) != 0;

    public static void SetKeyBinary(byte* item, bool value) => SetBit(ref StoredAtWord(item), BinaryKeyBit, value);

    private static ref uint StoredAtWord(byte* item) => ref *(uint*)(item + 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref uint ExpTime(byte* item) => ref *(uint*)(item + 12);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref uint ClientFlags(byte* item) => ref *(uint*)(item + 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref ulong Cas(byte* item) => ref *(ulong*)(item + 24);

    private static ref uint LastAccessWord(byte* item) => ref *(uint*)(item + 8);

    private static ref uint LengthWord(byte* item) => ref *(uint*)(item + 20);

    /// <summary>Writes a fresh header for an allocated, unlinked item; all bits cleared.</summary>
    public static void Initialize(byte* item, int keyLength, int packedValueLength, uint clientFlags, uint expTime, uint now)
    {
        Next(item) = 0;
        StoredAtWord(item) = now & TimeMask;
        LastAccessWord(item) = now & TimeMask;
        ExpTime(item) = expTime;
        ClientFlags(item) = clientFlags;
        LengthWord(item) = (uint)packedValueLength | ((uint)keyLength << KeyLengthShift);
        Cas(item) = 0;
    }

    /// <summary>Marks a chunk free: zero length word, chained into a free list.</summary>
    public static void MarkFree(byte* item, uint nextFree)
    {
        LengthWord(item) = 0;
        Next(item) = nextFree;
    }

    public static int KeyLength(byte* item) => (int)((LengthWord(item) >> KeyLengthShift) & 0xFF);

    public static int PackedValueLength(byte* item) => (int)(LengthWord(item) & ValueLengthMask);

    public static bool IsFree(byte* item) => KeyLength(item) == 0;

    public static ReadOnlySpan<byte> Key(byte* item) => new(item + HeaderSize, KeyLength(item));

    public static byte* Value(byte* item) => item + HeaderSize + KeyLength(item);

    public static uint LastAccess(byte* item) => LastAccessWord(item) & TimeMask;

    public static void SetLastAccess(byte* item, uint now)
        => LastAccessWord(item) = (LastAccessWord(item) & WinTokenSentBit) | (now & TimeMask);

    public static bool IsLinked(byte* item) => (LengthWord(item) & LinkedBit) != 0;

    public static void SetLinked(byte* item, bool value) => SetBit(ref LengthWord(item), LinkedBit, value);

    public static bool IsReferenced(byte* item) => (LengthWord(item) & ReferencedBit) != 0;

    public static void SetReferenced(byte* item, bool value) => SetBit(ref LengthWord(item), ReferencedBit, value);

    public static bool IsFetched(byte* item) => (LengthWord(item) & FetchedBit) != 0;

    public static void SetFetched(byte* item, bool value) => SetBit(ref LengthWord(item), FetchedBit, value);

    public static bool IsStale(byte* item) => (LengthWord(item) & StaleBit) != 0;

    public static void SetStale(byte* item, bool value) => SetBit(ref LengthWord(item), StaleBit, value);

    public static bool IsWinTokenSent(byte* item) => (LastAccessWord(item) & WinTokenSentBit) != 0;

    public static void SetWinTokenSent(byte* item, bool value) => SetBit(ref LastAccessWord(item), WinTokenSentBit, value);

    /// <summary>
    /// The size memcached 1.6 would account for this item (ITEM_ntotal: 48-byte header, CAS, key + NUL, client
    /// flags only when non-zero, value + CRLF). Used for -I checks and the "bytes" stat so both match memcached.
    /// </summary>
    public static long MemcachedSize(int keyLength, long valueLength, uint clientFlags, bool casEnabled)
        => 48 + (casEnabled ? 8 : 0) + keyLength + 1 + (clientFlags != 0 ? 4 : 0) + valueLength + 2;

    private static void SetBit(ref uint word, uint bit, bool value) => word = value ? word | bit : word & ~bit;
}
