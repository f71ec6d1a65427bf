using System.Buffers.Binary;
using Memgate.Node.Commands;
using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>SET, ADD, REPLACE, APPEND, PREPEND (+Q): memcached's process_bin_update / complete_update_bin over <see cref="ItemStore"/>.</summary>
internal static class BinaryStorage
{
    /// <summary>Client flags from the extras (APPEND/PREPEND have none).</summary>
    public static uint ClientFlags(BinaryRequest request, BinaryOpcode loud)
        => request.Extras.Length >= 4 && !IsConcatenation(loud) ? BinaryPrimitives.ReadUInt32BigEndian(request.Extras) : 0;

    /// <summary>The whole value has arrived: store it and answer.</summary>
    public static void Execute(NodeContext node, BinaryRequest request, BinaryOpcode loud, bool quiet, ReadOnlySpan<byte> value, OutputBuffer output)
    {
        var header = request.Header;
        bool concatenation = IsConcatenation(loud);

        // With -C memcached cannot put the request's CAS on the new item, so it is ignored for every store.
        ulong compareCas = node.Settings.CasDisabled ? 0 : header.Cas;
        var mode = loud switch
        {
            BinaryOpcode.Add => StoreMode.Add,
            BinaryOpcode.Replace => StoreMode.Replace,
            BinaryOpcode.Append => StoreMode.Append,
            BinaryOpcode.Prepend => StoreMode.Prepend,
            _ => StoreMode.Set,
        };

        // memcached stores a set/add/replace that carries a CAS as NREAD_CAS.
        if (!concatenation && compareCas != 0)
        {
            mode = StoreMode.Cas;
        }

        var store = new StoreRequest
        {
            Mode = mode,
            Key = request.Key,
            Data = value,
            ClientFlags = ClientFlags(request, loud),
            ExpTime = concatenation ? 0 : node.Engine.ToRelativeExpTime(BinaryPrimitives.ReadUInt32BigEndian(request.Extras[4..])),
            CompareCas = compareCas,
        };
        var outcome = ItemStore.Store(node, store, out ulong cas);
        switch (outcome)
        {
            case StoreOutcome.TooLarge:
                BinaryReply.Error(output, header, BinaryStatus.TooLarge);
                return;
            case StoreOutcome.OutOfMemory:
                BinaryReply.Error(output, header, BinaryStatus.OutOfMemory, "Out of memory allocating item"u8);
                return;
        }

        Interlocked.Increment(ref node.Statistics.CmdSet);
        switch (outcome)
        {
            case StoreOutcome.Stored:
                if (!quiet)
                {
                    BinaryReply.Success(output, header, cas);
                }

                break;
            case StoreOutcome.Exists:
                BinaryReply.Error(output, header, BinaryStatus.KeyExists);
                break;
            case StoreOutcome.NotFound:
                BinaryReply.Error(output, header, BinaryStatus.KeyNotFound);
                break;
            default:
                BinaryReply.Error(output, header, mode switch
                {
                    StoreMode.Add => BinaryStatus.KeyExists,
                    StoreMode.Replace => BinaryStatus.KeyNotFound,
                    _ => BinaryStatus.NotStored,
                });
                break;
        }
    }

    /// <summary>
    /// The value cannot fit in an item: answer "Too large." before it arrives (the caller swallows it). As in
    /// memcached, a failed SET also drops the old value so a stale one is not served.
    /// </summary>
    public static void RejectTooLarge(NodeContext node, BinaryRequest request, BinaryOpcode loud, OutputBuffer output)
    {
        if (loud == BinaryOpcode.Set)
        {
            using var cache = node.Engine.Lock();
            var old = cache.Find(request.Key, out _);
            if (!old.IsNone)
            {
                cache.Unlink(old);
            }
        }

        BinaryReply.Error(output, request.Header, BinaryStatus.TooLarge);
    }

    private static bool IsConcatenation(BinaryOpcode loud) => loud is BinaryOpcode.Append or BinaryOpcode.Prepend;
}
