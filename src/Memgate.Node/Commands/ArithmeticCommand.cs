using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>incr/decr &lt;key&gt; &lt;delta&gt; [noreply].</summary>
internal static class ArithmeticCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        bool increment = request.Command == TextCommand.Incr;
        Span<byte> digits = stackalloc byte[CounterArithmetic.MaxDigits];
        int digitCount = 0;
        DeltaOutcome outcome;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var lookup);
            ItemStore.CountLookup(node.Statistics, lookup);
            outcome = item.IsNone
                ? DeltaOutcome.NotFound
                : CounterArithmetic.Apply(cache, node.Statistics, item, increment, request.Number, 0, digits, out digitCount);
        }

        if (outcome == DeltaOutcome.NotFound)
        {
            Interlocked.Increment(ref increment ? ref node.Statistics.IncrMisses : ref node.Statistics.DecrMisses);
        }

        if (request.NoReply)
        {
            return;
        }

        switch (outcome)
        {
            case DeltaOutcome.Ok:
                output.Write(digits[..digitCount]);
                output.WriteCrLf();
                break;
            case DeltaOutcome.NonNumeric:
                output.Write("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"u8);
                break;
            case DeltaOutcome.OutOfMemory:
                output.Write("SERVER_ERROR out of memory\r\n"u8);
                break;
            default:
                output.Write("NOT_FOUND\r\n"u8);
                break;
        }
    }
}
