namespace Memgate.Storage;

/// <summary>
/// Items bigger than a slab page (only possible with -I above 1 MB). Each has its own native block of exactly its
/// size, counted against -m, and the pool runs its own CLOCK over them.
/// </summary>
internal sealed class LargeItemPool(int id) : ItemClass(id)
{
    private readonly List<int> _slots = [];
    private int _hand = -1;
    private long _bytes;

    public override long MemoryBytes => _bytes;

    public override int BlockCount => _slots.Count;

    public void Add(int slot, int bytes)
    {
        _slots.Add(slot);
        _bytes += bytes;
    }

    public void Remove(int slot, int bytes)
    {
        int index = _slots.IndexOf(slot);
        _slots.RemoveAt(index);
        _bytes -= bytes;
        if (index <= _hand)
        {
            _hand--;
        }
    }

    public override uint AdvanceHand()
    {
        if (_slots.Count == 0)
        {
            return 0;
        }

        if (++_hand >= _slots.Count)
        {
            _hand = 0;
        }

        return PageTable.Handle(_slots[_hand], 0);
    }

    public override uint PeekHand(int ahead)
        => _slots.Count == 0 ? 0 : PageTable.Handle(_slots[(int)((_hand + 1L + ahead) % _slots.Count)], 0);
}
