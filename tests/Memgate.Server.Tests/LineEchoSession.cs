using System.Text;
using Memgate.Server;

namespace Memgate.Server.Tests;

/// <summary>
/// A tiny protocol for the listener tests: every "\n"-terminated line is echoed back; "quit" closes;
/// "big N" announces an N-byte body (MinimumInput) that is answered with its length.
/// </summary>
internal sealed class LineEchoSession : IProtocolSession
{
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

            if (line.StartsWith("throw"u8))
            {
                throw new InvalidOperationException("session failure");
            }

            output.Write(line);
            consumed += newline + 1;
        }
    }

    public void Dispose()
    {
    }
}
