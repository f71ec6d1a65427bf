using System.Runtime.InteropServices;

namespace Memgate.Storage;

/// <summary>
/// Chained hash index over item handles: a native array of 4-byte bucket heads (not counted against -m, like
/// memcached's assoc table), chained through each item header's next field. It doubles when items exceed 1.5 ×
/// buckets; the old table is migrated a few buckets per insert (and by the crawler) so no single command pays for
/// rehashing a million keys.
/// </summary>
internal sealed unsafe class HashIndex : IDisposable
{
    private const int MaxPower = 31;
    private const int MigrationBucketsPerInsert = 4;

    private readonly PageTable _pages;
    private uint* _table;
    private int _power;
    private uint* _old;
    private int _oldPower;
    private uint _migrated;

    public HashIndex(PageTable pages, int initialPower)
    {
        _pages = pages;
        _power = Math.Clamp(initialPower, 1, MaxPower);
        _table = Allocate(_power);
    }

    public int Power => _power;

    public bool IsExpanding => _old != null;

    public long Count { get; private set; }

    /// <summary>Bytes of both tables while expanding, of the one table otherwise.</summary>
    public long Bytes => (sizeof(uint) * (1L << _power)) + (_old == null ? 0 : sizeof(uint) * (1L << _oldPower));

    public uint Find(uint hash, ReadOnlySpan<byte> key)
    {
        for (uint handle = Bucket(hash); handle != 0;)
        {
            byte* item = _pages.Resolve(handle);
            if (ItemLayout.Key(item).SequenceEqual(key))
            {
                return handle;
            }

            handle = ItemLayout.Next(item);
        }

        return 0;
    }

    public void Insert(uint hash, uint handle, byte* item)
    {
        ref uint head = ref Bucket(hash);
        ItemLayout.Next(item) = head;
        head = handle;
        Count++;
        if (_old != null)
        {
            Migrate(MigrationBucketsPerInsert);
        }
        else if (Count > (3L << _power) / 2 && _power < MaxPower)
        {
            StartExpansion();
        }
    }

    public void Remove(uint hash, uint handle, byte* item)
    {
        ref uint link = ref Bucket(hash);
        while (link != 0)
        {
            if (link == handle)
            {
                link = ItemLayout.Next(item);
                Count--;
                return;
            }

            link = ref ItemLayout.Next(_pages.Resolve(link));
        }

        throw new InvalidOperationException("Item is not in the hash index.");
    }

    /// <summary>Moves up to <paramref name="buckets"/> old buckets into the new table.</summary>
    public void Migrate(int buckets)
    {
        if (_old == null)
        {
            return;
        }

        uint oldSize = 1u << _oldPower;
        uint mask = (uint)((1L << _power) - 1);
        for (int i = 0; i < buckets && _migrated < oldSize; i++, _migrated++)
        {
            uint handle = _old[_migrated];
            _old[_migrated] = 0;
            while (handle != 0)
            {
                byte* item = _pages.Resolve(handle);
                uint next = ItemLayout.Next(item);
                ref uint head = ref _table[KeyHash.Compute(ItemLayout.Key(item)) & mask];
                ItemLayout.Next(item) = head;
                head = handle;
                handle = next;
            }
        }

        if (_migrated == oldSize)
        {
            NativeMemory.Free(_old);
            _old = null;
        }
    }

    public void Dispose()
    {
        if (_table != null)
        {
            NativeMemory.Free(_table);
            _table = null;
        }

        if (_old != null)
        {
            NativeMemory.Free(_old);
            _old = null;
        }
    }

    private ref uint Bucket(uint hash)
    {
        if (_old != null)
        {
            uint oldBucket = hash & ((1u << _oldPower) - 1);
            if (oldBucket >= _migrated)
            {
                return ref _old[oldBucket];
            }
        }

        return ref _table[hash & (uint)((1L << _power) - 1)];
    }

    private void StartExpansion()
    {
        _old = _table;
        _oldPower = _power;
        _power++;
        _table = Allocate(_power);
        _migrated = 0;
    }

    private static uint* Allocate(int power) => (uint*)NativeMemory.AllocZeroed((nuint)(1L << power), sizeof(uint));
}
