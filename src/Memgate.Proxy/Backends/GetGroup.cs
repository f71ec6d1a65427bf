using System.Buffers;
using Memgate.Protocol.Text;
using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Backends;

/// <summary>
/// get (or gets) requests of several callers merged into one backend request: "get a\r\n" and "get b c\r\n", queued
/// back to back, leave as "get a b c\r\n". memcached answers a get's keys in order, hits only, then END, so the one
/// reply splits back exactly: each member gets the VALUE blocks of its own keys, in its own order, and its own END.
/// One request instead of many is what the backend saves: it parses one line and sends one reply.
/// </summary>
internal sealed class GetGroup
{
    private static readonly byte[] End = "END\r\n"u8.ToArray();

    private readonly List<PendingRequest> _members = [];
    private readonly List<int> _keyCounts = [];
    private byte[] _keys = new byte[256];
    private int _keysLength;

    /// <summary>Callers whose requests the group carries (the first is the one in the connection's queue).</summary>
    public int Count => _members.Count;

    public int KeyCount { get; private set; }

    public void Add(PendingRequest member, ReadOnlySpan<byte> keys, int keyCount)
    {
        int needed = _keysLength + keys.Length + 1;
        if (needed > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(needed, _keys.Length * 2));
        }

        if (_keysLength > 0)
        {
            _keys[_keysLength++] = (byte)' ';
        }

        keys.CopyTo(_keys.AsSpan(_keysLength));
        _keysLength += keys.Length;
        _members.Add(member);
        _keyCounts.Add(keyCount);
        KeyCount += keyCount;
    }

    /// <summary>
    /// Splits the merged reply and completes every member. An error line (SERVER_ERROR...) goes to every member; a reply
    /// that does not match the keys asked (which memcached never sends) fails them all and returns false.
    /// </summary>
    public bool Complete(ReadOnlySpan<byte> reply)
    {
        if (!reply.StartsWith("VALUE "u8) && !reply.SequenceEqual(End))
        {
            foreach (PendingRequest member in _members)
            {
                member.Complete(Copy(reply));
            }

            return true;
        }

        // First pass: the reply must be exactly the asked keys' blocks in order, then END.
        Span<int> splits = _members.Count <= 64 ? stackalloc int[_members.Count + 1] : new int[_members.Count + 1];
        if (!Split(reply, splits))
        {
            Fail(BackendStatus.ProtocolError, BackendStatus.ProtocolError);
            return false;
        }

        for (int i = 0; i < _members.Count; i++)
        {
            ReadOnlySpan<byte> blocks = reply[splits[i]..splits[i + 1]];
            byte[] own = ArrayPool<byte>.Shared.Rent(blocks.Length + End.Length);
            blocks.CopyTo(own);
            End.CopyTo(own.AsSpan(blocks.Length));
            _members[i].Complete(new BackendReply(BackendStatus.Ok, own, blocks.Length + End.Length));
        }

        return true;
    }

    /// <summary>Fails every member: the first with <paramref name="first"/>, the rest with <paramref name="rest"/>.</summary>
    public void Fail(BackendStatus first, BackendStatus rest)
    {
        for (int i = 0; i < _members.Count; i++)
        {
            _members[i].Complete(BackendReply.Failed(i == 0 ? first : rest));
        }
    }

    public void Clear()
    {
        _members.Clear();
        _keyCounts.Clear();
        _keysLength = 0;
        KeyCount = 0;
    }

    // splits[i]..splits[i+1] is member i's part of the reply (its hits); false when the blocks do not follow the keys.
    private bool Split(ReadOnlySpan<byte> reply, Span<int> splits)
    {
        var keys = new TokenReader(_keys.AsSpan(0, _keysLength));
        var blocks = new RetrievalBlocks(reply);
        bool pending = blocks.TryNext(out ReadOnlySpan<byte> blockKey, out int blockStart, out int blockLength);
        int position = 0;
        for (int member = 0; member < _members.Count; member++)
        {
            splits[member] = position;
            for (int k = 0; k < _keyCounts[member]; k++)
            {
                keys.TryRead(out ReadOnlySpan<byte> key);
                if (pending && blockKey.SequenceEqual(key))
                {
                    position = blockStart + blockLength;
                    pending = blocks.TryNext(out blockKey, out blockStart, out blockLength);
                }
            }
        }

        splits[_members.Count] = position;
        return !pending && reply[position..].SequenceEqual(End);
    }

    private static BackendReply Copy(ReadOnlySpan<byte> reply)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(reply.Length);
        reply.CopyTo(copy);
        return new BackendReply(BackendStatus.Ok, copy, reply.Length);
    }
}
