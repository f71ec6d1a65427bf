using System.Buffers.Text;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>
/// memcached's do_add_delta: incr wraps at 2^64, decr clamps at 0, the value is parsed like strtoull, and a result
/// that is not longer than the stored value is written in place padded with spaces (as memcached does).
/// </summary>
internal static class CounterArithmetic
{
    /// <summary>Longest decimal uint64 plus room.</summary>
    public const int MaxDigits = 24;

    public static DeltaOutcome Apply(CacheLock cache, NodeStatistics stats, ItemHandle item, bool increment, ulong delta, ulong compareCas, Span<byte> digits, out int digitCount)
    {
        digitCount = 0;
        var view = cache.View(item);
        if (view.Value.Length == 0)
        {
            return DeltaOutcome.NonNumeric;
        }

        if (compareCas != 0 && view.Cas != compareCas)
        {
            return DeltaOutcome.CasMismatch;
        }

        if (!TryParseStoredNumber(view.Value, out ulong value))
        {
            return DeltaOutcome.NonNumeric;
        }

        if (increment)
        {
            value = unchecked(value + delta);
            Interlocked.Increment(ref stats.IncrHits);
        }
        else
        {
            value = delta > value ? 0 : value - delta;
            Interlocked.Increment(ref stats.DecrHits);
        }

        Utf8Formatter.TryFormat(value, digits, out digitCount);
        if (digitCount <= view.Value.Length)
        {
            var target = cache.ValueSpan(item);
            digits[..digitCount].CopyTo(target);
            target[digitCount..].Fill((byte)' ');
            cache.SetCas(item);
            cache.Bump(item, fetch: false);
            return DeltaOutcome.Ok;
        }

        if (cache.Allocate(view.Key, digitCount, view.ClientFlags, view.ExpTime, out var replacement, keepAlive: item) != AllocationResult.Ok)
        {
            return DeltaOutcome.OutOfMemory;
        }

        digits[..digitCount].CopyTo(cache.ValueSpan(replacement));
        cache.Link(replacement);
        return DeltaOutcome.Ok;
    }

    /// <summary>
    /// strtoull semantics as memcached's safe_strtoull applies them to "value\r\n": leading whitespace and a sign
    /// are accepted, digits must follow, the number must end at whitespace (or the end), negative numbers that
    /// wrap are refused, overflow is refused.
    /// </summary>
    public static bool TryParseStoredNumber(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        int i = 0;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'+' || text[i] == (byte)'-'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        int digitsStart = i;
        ulong result = 0;
        bool overflow = false;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            ulong digit = (ulong)(text[i] - '0');
            if (result > (ulong.MaxValue - digit) / 10)
            {
                overflow = true;
            }

            result = unchecked((result * 10) + digit);
            i++;
        }

        if (i == digitsStart || overflow)
        {
            return false;
        }

        // The stored value is followed by "\r\n" in memcached, so the end of our span counts as whitespace.
        if (i < text.Length && !IsSpace(text[i]))
        {
            return false;
        }

        if (negative)
        {
            result = unchecked(0UL - result);
            if ((long)result < 0)
            {
                return false;
            }
        }

        value = result;
        return true;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
