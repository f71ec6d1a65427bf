using System.Buffers.Binary;
using System.Buffers.Text;
using Memgate.Node.Commands;
using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>
/// INCREMENT/DECREMENT (+Q), memcached's complete_incr_bin: <see cref="CounterArithmetic"/> with the header CAS,
/// and on a miss the key is created with the initial value unless the expiration is 0xffffffff.
/// </summary>
internal static class BinaryArithmetic
{
    private const uint NoAutoCreate = 0xffffffff;

    public static void Execute(NodeContext node, BinaryRequest request, BinaryOpcode loud, bool quiet, OutputBuffer output)
    {
        var header = request.Header;
        bool increment = loud == BinaryOpcode.Increment;
        ulong delta = BinaryPrimitives.ReadUInt64BigEndian(request.Extras);
        ulong initial = BinaryPrimitives.ReadUInt64BigEndian(request.Extras[8..]);
        uint expiration = BinaryPrimitives.ReadUInt32BigEndian(request.Extras[16..]);
        var stats = node.Statistics;
        Span<byte> digits = stackalloc byte[CounterArithmetic.MaxDigits];
        int digitCount = 0;
        ulong cas = 0;
        DeltaOutcome outcome;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var lookup);
            ItemStore.CountLookup(stats, lookup);
            outcome = item.IsNone
                ? DeltaOutcome.NotFound
                : CounterArithmetic.Apply(cache, stats, item, increment, delta, header.Cas, digits, out digitCount);
            if (outcome == DeltaOutcome.Ok)
            {
                // The update happened in place or through a replacement item; either way the key names it now.
                cas = cache.View(cache.Find(request.Key, out _)).Cas;
            }
        }

        switch (outcome)
        {
            case DeltaOutcome.Ok:
                Utf8Parser.TryParse(digits[..digitCount], out ulong value, out _);
                WriteValue(output, header, quiet, value, cas);
                break;
            case DeltaOutcome.NonNumeric:
                BinaryReply.Error(output, header, BinaryStatus.DeltaBadValue);
                break;
            case DeltaOutcome.OutOfMemory:
                BinaryReply.Error(output, header, BinaryStatus.OutOfMemory, "Out of memory incrementing value"u8);
                break;
            case DeltaOutcome.CasMismatch:
                BinaryReply.Error(output, header, BinaryStatus.KeyExists);
                break;
            default:
                if (expiration == NoAutoCreate)
                {
                    Interlocked.Increment(ref increment ? ref stats.IncrMisses : ref stats.DecrMisses);
                    BinaryReply.Error(output, header, BinaryStatus.KeyNotFound);
                }
                else
                {
                    Create(node, request, quiet, initial, expiration, output);
                }

                break;
        }
    }

    /// <summary>Stores the initial value as an add, as memcached does (so a racing creator wins and this one reports NOT_STORED).</summary>
    private static void Create(NodeContext node, BinaryRequest request, bool quiet, ulong initial, uint expiration, OutputBuffer output)
    {
        Span<byte> digits = stackalloc byte[CounterArithmetic.MaxDigits];
        Utf8Formatter.TryFormat(initial, digits, out int digitCount);
        var store = new StoreRequest
        {
            Mode = StoreMode.Add,
            Key = request.Key,
            Data = digits[..digitCount],
            ClientFlags = 0,
            ExpTime = node.Engine.ToRelativeExpTime(expiration),
        };
        switch (ItemStore.Store(node, store, out ulong cas))
        {
            case StoreOutcome.Stored:
                WriteValue(output, request.Header, quiet, initial, cas);
                break;
            case StoreOutcome.TooLarge:
            case StoreOutcome.OutOfMemory:
                BinaryReply.Error(output, request.Header, BinaryStatus.OutOfMemory, "Out of memory allocating new item"u8);
                break;
            default:
                BinaryReply.Error(output, request.Header, BinaryStatus.NotStored);
                break;
        }
    }

    private static void WriteValue(OutputBuffer output, in BinaryHeader header, bool quiet, ulong value, ulong cas)
    {
        if (quiet)
        {
            return;
        }

        Span<byte> body = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(body, value);
        BinaryReply.Success(output, header, cas, body);
    }
}
