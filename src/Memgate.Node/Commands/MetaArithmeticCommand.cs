using Memgate.Protocol.Text;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>ma: incr/decr with autovivify (N, J), CAS compare (C), TTL (T) and value/CAS/TTL return flags.</summary>
internal static class MetaArithmeticCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var meta = request.Meta;
        var stats = node.Statistics;
        bool increment = meta.Mode is 0 or (byte)'I' or (byte)'i' or (byte)'+';
        ulong delta = meta.Has('D') ? meta.Delta : 1;
        Span<byte> digits = stackalloc byte[CounterArithmetic.MaxDigits];
        int digitCount = 0;
        int replyStart = output.Length;
        using var cache = node.Engine.Lock();
        var item = cache.Find(request.Key, out var lookup);
        ItemStore.CountLookup(stats, lookup);
        bool created = false;
        var outcome = item.IsNone
            ? DeltaOutcome.NotFound
            : CounterArithmetic.Apply(cache, stats, item, increment, delta, meta.Has('C') ? meta.CompareCas : 0, digits, out digitCount);
        switch (outcome)
        {
            case DeltaOutcome.NonNumeric:
                output.Write("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"u8);
                return;
            case DeltaOutcome.OutOfMemory:
                output.Write("SERVER_ERROR out of memory\r\n"u8);
                return;
            case DeltaOutcome.NotFound when meta.Has('N'):
                System.Buffers.Text.Utf8Formatter.TryFormat(meta.Has('J') ? meta.Initial : 0, digits, out digitCount);
                if (cache.Allocate(request.Key, digitCount, 0, 0, out item) != AllocationResult.Ok)
                {
                    output.Write("SERVER_ERROR Out of memory allocating new item\r\n"u8);
                    return;
                }

                digits[..digitCount].CopyTo(cache.ValueSpan(item));
                cache.Link(item);
                created = true;
                break;
            case DeltaOutcome.NotFound:
                Interlocked.Increment(ref increment ? ref stats.IncrMisses : ref stats.DecrMisses);
                WriteWithoutItem("NF"u8, ref request, output);
                return;
            case DeltaOutcome.CasMismatch:
                WriteWithoutItem("EX"u8, ref request, output);
                return;
        }

        // After an in-place or replacing update the key now names the current item.
        item = cache.Find(request.Key, out _);
        if (!WriteResult(node, cache, item, created, digits[..digitCount], ref request, output))
        {
            return;
        }

        // memcached's q hides the reply of an update, but not of an autovivified item.
        if (meta.Quiet && !created)
        {
            output.Truncate(replyStart);
        }
    }

    /// <summary>Writes the reply; false when the opaque token turned out too long (after the update, as memcached does).</summary>
    private static bool WriteResult(NodeContext node, CacheLock cache, ItemHandle item, bool created, scoped ReadOnlySpan<byte> digits, ref TextRequest request, OutputBuffer output)
    {
        var meta = request.Meta;
        int replyStart = output.Length;
        bool withValue = meta.Has('v');
        if (withValue)
        {
            output.Write("VA "u8);
            output.WriteNumber((ulong)digits.Length);
        }
        else
        {
            output.Write("HD"u8);
        }

        var tokens = new TokenReader(meta.Raw);
        while (tokens.TryRead(out var token))
        {
            switch (token[0])
            {
                case (byte)'c':
                    output.WriteMetaFlag((byte)'c');
                    output.WriteNumber(cache.View(item).Cas);
                    break;
                case (byte)'t':
                    output.WriteMetaFlag((byte)'t');
                    MetaGetCommand.WriteTtl(cache.View(item).ExpTime, node.Clock.CurrentTime, output);
                    break;
                case (byte)'T':
                    cache.SetExpTime(item, node.Engine.ToRelativeExpTime(meta.Ttl));
                    break;
                case (byte)'N':
                    if (created)
                    {
                        cache.SetExpTime(item, node.Engine.ToRelativeExpTime(meta.VivifyTtl));
                    }

                    break;
                case (byte)'O' when meta.OpaqueTooLong:
                    output.Truncate(replyStart);
                    output.Write(TextReplies.MetaOpaqueTooLong);
                    return false;
                default:
                    MetaKeyEcho.TryWrite(token, request.Key, meta.Has('b'), output);
                    break;
            }
        }

        output.WriteCrLf();
        if (withValue)
        {
            output.Write(digits);
            output.WriteCrLf();
        }

        return true;
    }

    private static void WriteWithoutItem(ReadOnlySpan<byte> code, ref TextRequest request, OutputBuffer output)
    {
        if (request.Meta.OpaqueTooLong)
        {
            output.Write(TextReplies.MetaOpaqueTooLong);
            return;
        }

        output.Write(code);
        MetaKeyEcho.WriteAll(request.Meta.Raw, request.Key, request.Meta.Has('b'), output);
        output.WriteCrLf();
    }
}
