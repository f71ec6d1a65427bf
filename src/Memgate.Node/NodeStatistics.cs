namespace Memgate.Node;

/// <summary>Command counters of a node, named after memcached's stats fields. Updated with interlocked increments.</summary>
public sealed class NodeStatistics
{
    public long CmdGet;
    public long CmdSet;
    public long CmdFlush;
    public long CmdTouch;
    public long CmdMeta;
    public long GetHits;
    public long GetMisses;
    public long GetExpired;
    public long GetFlushed;
    public long DeleteHits;
    public long DeleteMisses;
    public long IncrHits;
    public long IncrMisses;
    public long DecrHits;
    public long DecrMisses;
    public long CasHits;
    public long CasMisses;
    public long CasBadval;
    public long TouchHits;
    public long TouchMisses;
    public long StoreTooLarge;
    public long StoreNoMemory;
    public long AuthCmds;
    public long AuthErrors;

    public void Reset()
    {
        foreach (var field in typeof(NodeStatistics).GetFields())
        {
            field.SetValue(this, 0L);
        }
    }
}
