using System.Text;
using Memgate.Server;

namespace Memgate.Server.Tests;

/// <summary>
/// A tiny protocol for the listener tests: every "\n"-terminated line is echoed back; "quit" closes;
/// "big N" announces an N-byte body (MinimumInput) that is answered with its length; "flood N" answers N bytes;
/// "yield" answers and yields; "slow" answers after 50 ms from an incomplete ValueTask; "throw" fails.
/// </summary>
internal sealed class LineEchoSession : IProtocolSession
{
    private int _running;

    public int ProcessCalls { get; private set; }

    public ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken)
    {
        ProcessCalls++;
        var span = input.Span;
        int consumed = 0;
        while (true)
        {
            int newline = span[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return ValueTask.FromResult(new ProcessResult(consumed, ProcessOutcome.NeedMoreInput));
            }

            var line = span.Slice(consumed, newline + 1);
            if (line.StartsWith("quit"u8))
            {
                output.Write("bye\n"u8);
                return ValueTask.FromResult(new ProcessResult(consumed + newline + 1, ProcessOutcome.Close));
            }

            if (line.StartsWith("big "u8))
            {
                int size = int.Parse(Encoding.ASCII.GetString(line[4..^1]), System.Globalization.CultureInfo.InvariantCulture);
                int total = line.Length + size;
                if (span.Length - consumed < total)
                {
                    return ValueTask.FromResult(new ProcessResult(consumed, ProcessOutcome.NeedMoreInput, total));
                }

                output.Write(Encoding.ASCII.GetBytes($"got {size}\n"));
                consumed += total;
                continue;
            }

            if (line.StartsWith("flood "u8))
            {
                int size = int.Parse(Encoding.ASCII.GetString(line[6..^1]), System.Globalization.CultureInfo.InvariantCulture);
                output.GetSpan(size + 1)[..size].Fill((byte)'x');
                output.Advance(size);
                output.Write("\n"u8);
                consumed += newline + 1;
                continue;
            }

            if (line.StartsWith("yield"u8))
            {
                output.Write("yielded\n"u8);
                return ValueTask.FromResult(new ProcessResult(consumed + newline + 1, ProcessOutcome.Yield));
            }

            if (line.StartsWith("slow"u8))
            {
                return AnswerSlowlyAsync(consumed + newline + 1, output);
            }

            if (line.StartsWith("throw"u8))
            {
                throw new InvalidOperationException("session failure");
            }

            output.Write(line);
            consumed += newline + 1;
        }
    }

    /// <summary>Like a proxy session waiting for a backend: completes later, on another thread.</summary>
    private async ValueTask<ProcessResult> AnswerSlowlyAsync(int consumed, OutputBuffer output)
    {
        Interlocked.Increment(ref _running);
        try
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            RanAfterDispose |= Disposed;
            output.Write("slow\n"u8);

            // Lines pipelined behind this one are processed in the next call, without waiting for input.
            return new ProcessResult(consumed, ProcessOutcome.Yield);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Requests running right now (only "slow" ones can be seen from outside).</summary>
    public int Running => Volatile.Read(ref _running);

    public bool Disposed { get; private set; }

    /// <summary>What the transports promise never happens: a session disposed under a running request, or run after.</summary>
    public bool RanAfterDispose { get; private set; }

    public void Dispose()
    {
        RanAfterDispose |= Running > 0;
        Disposed = true;
    }
}
