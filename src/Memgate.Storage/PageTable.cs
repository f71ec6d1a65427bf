using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Memgate.Storage;

/// <summary>
/// Owns every block of native item memory: 1 MB slab pages and individually allocated large items. A block is
/// addressed by a slot; an <see cref="ItemHandle"/> packs the slot (15 bits, +1 so that 0 stays "none") and the
/// item's offset inside the block in 8-byte units (17 bits), which is why chunks are 8-byte aligned and why at most
/// <see cref="MaxSlots"/> blocks (32 GB of pages) can exist.
/// </summary>
internal sealed unsafe class PageTable : IDisposable
{
    public const int PageSize = 1 << 20;
    public const int MaxSlots = (1 << 15) - 1;
    private const int OffsetBits = 17;
    private const uint OffsetMask = (1u << OffsetBits) - 1;

    private nint[] _base = new nint[64];
    private byte[] _classId = new byte[64];
    private int[] _bytes = new int[64];
    private int[] _freeSlots = new int[64];
    private int _freeSlotCount;
    private int _slotCount;

    /// <summary>Number of slots ever used (iteration bound for the crawler).</summary>
    public int SlotCount => _slotCount;

    /// <summary>Bytes of native memory currently allocated.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Allocates a block and returns its slot, or -1 when the slot space is exhausted.</summary>
    public int Allocate(int bytes, byte classId)
    {
        int slot;
        if (_freeSlotCount > 0)
        {
            slot = _freeSlots[--_freeSlotCount];
        }
        else
        {
            if (_slotCount == MaxSlots)
            {
                return -1;
            }

            slot = _slotCount++;
            if (slot == _base.Length)
            {
                int size = Math.Min(_base.Length * 2, MaxSlots);
                Array.Resize(ref _base, size);
                Array.Resize(ref _classId, size);
                Array.Resize(ref _bytes, size);
                Array.Resize(ref _freeSlots, size);
            }
        }

        _base[slot] = (nint)NativeMemory.Alloc((nuint)bytes);
        _classId[slot] = classId;
        _bytes[slot] = bytes;
        AllocatedBytes += bytes;
        return slot;
    }

    public void Release(int slot)
    {
        NativeMemory.Free((void*)_base[slot]);
        AllocatedBytes -= _bytes[slot];
        _base[slot] = 0;
        _classId[slot] = 0;
        _bytes[slot] = 0;
        _freeSlots[_freeSlotCount++] = slot;
    }

    public bool IsInUse(int slot) => _base[slot] != 0;

    public byte* Base(int slot) => (byte*)_base[slot];

    public int Bytes(int slot) => _bytes[slot];

    public byte ClassId(int slot) => _classId[slot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Handle(int slot, int offset) => ((uint)(slot + 1) << OffsetBits) | ((uint)offset >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SlotOf(uint handle) => (int)(handle >> OffsetBits) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Resolve(uint handle) => (byte*)_base[SlotOf(handle)] + ((handle & OffsetMask) << 3);

    public void Dispose()
    {
        for (int slot = 0; slot < _slotCount; slot++)
        {
            if (_base[slot] != 0)
            {
                NativeMemory.Free((void*)_base[slot]);
                _base[slot] = 0;
            }
        }

        AllocatedBytes = 0;
        _slotCount = 0;
        _freeSlotCount = 0;
    }
}
