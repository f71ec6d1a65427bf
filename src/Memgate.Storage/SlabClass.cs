namespace Memgate.Storage;

/// <summary>
/// One size class: its pages, a free list threaded through free chunks, and a CLOCK hand that sweeps the chunks
/// of its pages in address order (second-chance eviction instead of memcached's doubly linked LRU, which would
/// cost 16 bytes per item).
/// </summary>
internal sealed unsafe class SlabClass(int id, int chunkSize) : ItemClass(id)
{
    private readonly List<int> _pages = [];
    private int _handPage;
    private int _handChunk = -1;

    public int ChunkSize { get; } = chunkSize;

    public int ChunksPerPage { get; } = PageTable.PageSize / chunkSize;

    public IReadOnlyList<int> Pages => _pages;

    public uint FreeHead { get; private set; }

    public long FreeCount { get; private set; }

    public override long MemoryBytes => (long)_pages.Count * PageTable.PageSize;

    public override int BlockCount => _pages.Count;

    /// <summary>Adds a fresh page and threads all of its chunks into the free list (lowest address popped first).</summary>
    public void AddPage(int slot, byte* pageBase)
    {
        _pages.Add(slot);
        for (int chunk = ChunksPerPage - 1; chunk >= 0; chunk--)
        {
            ItemLayout.MarkFree(pageBase + (chunk * ChunkSize), FreeHead);
            FreeHead = PageTable.Handle(slot, chunk * ChunkSize);
        }

        FreeCount += ChunksPerPage;
    }

    public uint PopFree(PageTable pages)
    {
        uint handle = FreeHead;
        if (handle != 0)
        {
            FreeHead = ItemLayout.Next(pages.Resolve(handle));
            FreeCount--;
        }

        return handle;
    }

    public void PushFree(uint handle, byte* item)
    {
        ItemLayout.MarkFree(item, FreeHead);
        FreeHead = handle;
        FreeCount++;
    }

    /// <summary>Forgets a page whose items are already unlinked: drops its chunks from the free list and the hand.</summary>
    public void RemovePage(int slot, PageTable pages)
    {
        uint kept = 0;
        uint tail = 0;
        long keptCount = 0;
        for (uint handle = FreeHead; handle != 0;)
        {
            byte* item = pages.Resolve(handle);
            uint next = ItemLayout.Next(item);
            if (PageTable.SlotOf(handle) != slot)
            {
                if (tail == 0)
                {
                    kept = handle;
                }
                else
                {
                    ItemLayout.Next(pages.Resolve(tail)) = handle;
                }

                tail = handle;
                keptCount++;
            }

            handle = next;
        }

        if (tail != 0)
        {
            ItemLayout.Next(pages.Resolve(tail)) = 0;
        }

        FreeHead = kept;
        FreeCount = keptCount;

        int index = _pages.IndexOf(slot);
        _pages.RemoveAt(index);
        if (index < _handPage)
        {
            _handPage--;
        }
        else if (index == _handPage)
        {
            _handChunk = -1;
        }

        if (_handPage >= _pages.Count)
        {
            _handPage = 0;
            _handChunk = -1;
        }
    }

    /// <summary>The page the hand is on: the region least recently swept, so the best page to give away.</summary>
    public int HandPageIndex => _pages.Count == 0 ? -1 : _handPage;

    public override uint AdvanceHand()
    {
        if (_pages.Count == 0)
        {
            return 0;
        }

        if (++_handChunk >= ChunksPerPage)
        {
            _handChunk = 0;
            if (++_handPage >= _pages.Count)
            {
                _handPage = 0;
            }
        }

        return PageTable.Handle(_pages[_handPage], _handChunk * ChunkSize);
    }

    public override uint PeekHand(int ahead)
    {
        if (_pages.Count == 0)
        {
            return 0;
        }

        long position = ((long)_handPage * ChunksPerPage) + _handChunk + 1 + ahead;
        position %= (long)_pages.Count * ChunksPerPage;
        int page = (int)(position / ChunksPerPage);
        int chunk = (int)(position % ChunksPerPage);
        return PageTable.Handle(_pages[page], chunk * ChunkSize);
    }
}
