namespace Memgate.Storage;

/// <summary>
/// Items allocated but neither linked nor freed during the current lock. They must survive eviction and page
/// moves, and anything a buggy caller leaves behind is freed when the lock is released instead of leaking forever.
/// </summary>
internal sealed class InflightItems
{
    private const int Capacity = 16;
    private readonly uint[] _handles = new uint[Capacity];

    public int Count { get; private set; }

    public uint this[int index] => _handles[index];

    public void Add(uint handle)
    {
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"More than {Capacity} unlinked items allocated under one lock.");
        }

        _handles[Count++] = handle;
    }

    public bool Remove(uint handle)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_handles[i] == handle)
            {
                _handles[i] = _handles[--Count];
                return true;
            }
        }

        return false;
    }
}
