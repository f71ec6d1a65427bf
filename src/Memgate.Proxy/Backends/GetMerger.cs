namespace Memgate.Proxy.Backends;

/// <summary>
/// Decides, for one loop connection, whether a get/gets request joins the get line at the end of the unsent output
/// (<see cref="GetGroup"/>) or is queued on its own. Only the last queued request can be joined, only while its bytes
/// are unsent, only by the same command (get with get, gets with gets), and only while the line stays short.
/// </summary>
internal sealed class GetMerger
{
    /// <summary>A merged get line stays below memcached's 2048-byte line limit, so any backend takes it.</summary>
    private const int MaxMergedLine = 2000;

    private readonly Stack<GetGroup> _spareGroups = new();
    private PendingRequest? _target;
    private bool _targetIsGets;
    private int _targetLineLength;
    private long _merged;

    /// <summary>Requests that joined another's backend request.</summary>
    public long Merged => Interlocked.Read(ref _merged);

    /// <summary>
    /// Called for every request before it is queued: true when it joined the last get line (its keys are appended to
    /// <paramref name="output"/>, and it must not be queued); false when it is to be queued and appended as usual.
    /// </summary>
    public bool TryJoin(BackendOutput output, PendingRequest pending, ReadOnlySpan<byte> request, ReplyKind kind)
    {
        if (kind != ReplyKind.Retrieval || !GetLine.TryParse(request, out bool gets, out ReadOnlySpan<byte> keys, out int keyCount))
        {
            _target = null;
            return false;
        }

        if (_target is not { } target || _targetIsGets != gets || _targetLineLength + keys.Length + 1 > MaxMergedLine)
        {
            // This one may be joined by the next.
            _target = pending;
            _targetIsGets = gets;
            _targetLineLength = request.Length;
            return false;
        }

        GetGroup group = target.Group ?? StartGroup(output, target);
        output.TrimEnd(2);
        output.Append(" "u8);
        output.Append(keys);
        output.Append("\r\n"u8);
        _targetLineLength += keys.Length + 1;
        group.Add(pending, keys, keyCount);
        Interlocked.Increment(ref _merged);
        return true;
    }

    /// <summary>The output was handed to the socket (even partly) or thrown away: nothing can join it any more.</summary>
    public void Seal() => _target = null;

    /// <summary>A group whose reply was split (or which failed) can serve another merge.</summary>
    public void Recycle(GetGroup group)
    {
        group.Clear();
        _spareGroups.Push(group);
    }

    // The target's own line is the output's tail: its keys open the group.
    private GetGroup StartGroup(BackendOutput output, PendingRequest target)
    {
        GetGroup group = _spareGroups.Count > 0 ? _spareGroups.Pop() : new GetGroup();
        _ = GetLine.TryParse(output.Tail(_targetLineLength), out _, out ReadOnlySpan<byte> keys, out int keyCount);
        group.Add(target, keys, keyCount);
        target.Group = group;
        return group;
    }
}
