using System.Buffers.Binary;
using Memgate.Node.Commands;
using Memgate.Protocol.Binary;
using Memgate.Server;

namespace Memgate.Node.Binary;

/// <summary>
/// One client connection of a node speaking memcached's binary protocol, framed and answered as memcached 1.6.18's
/// proto_bin.c does: header, extras and key are dispatched first; a value is read, or swallowed when refused.
/// </summary>
internal sealed class BinarySession : IProtocolSession
{
    private static readonly byte[] VersionBody = System.Text.Encoding.ASCII.GetBytes(NodeVersion.Number);

    private readonly NodeContext _node;
    private readonly ConnectionContext _connection;
    private readonly HeldReplies _held = new();
    private OutputBuffer? _statsScratch;
    private long _swallowRemaining;

    public BinarySession(NodeContext node, ConnectionContext connection)
    {
        _node = node;
        _connection = connection;
    }

    public ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken)
        => new(Process(input.Span, output));

    public void Dispose()
    {
        _statsScratch?.Dispose();
        _held.Dispose();
    }

    private ProcessResult Process(ReadOnlySpan<byte> input, OutputBuffer output)
    {
        int consumed = 0;
        var budget = new EventBudget(_node);

        // Replies before this mark count as sent: memcached flushed them (at a NOOP or an earlier batch's end).
        int flushed = output.Length;
        while (true)
        {
            if (_swallowRemaining > 0)
            {
                int skip = (int)Math.Min(_swallowRemaining, input.Length - consumed);
                consumed += skip;
                _swallowRemaining -= skip;
                if (_swallowRemaining > 0)
                {
                    // memcached sends nothing while it swallows a refused value: its replies wait for the end.
                    _held.Hold(output, flushed);
                    return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
                }

                _held.Release(output);
            }

            var rest = input[consumed..];
            if (rest.IsEmpty)
            {
                return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
            }

            if (budget.ShouldYield(output))
            {
                return new ProcessResult(consumed, ProcessOutcome.Yield);
            }

            switch (BinaryRequestParser.Parse(rest, out var request, out int needed))
            {
                case BinaryParseStatus.Incomplete:
                    return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput, needed);
                case BinaryParseStatus.BadMagic:
                    // memcached closes at once; replies not yet flushed are lost with the connection.
                    output.Truncate(flushed);
                    return new ProcessResult(consumed, ProcessOutcome.Close);
            }

            budget.Count();
            _connection.LastCommandTime = _node.Clock.CurrentTime;
            int replyStart = output.Length;
            var step = Dispatch(request, rest, output, ref flushed);
            if (FlushesAfterReply(request.Header, output, replyStart))
            {
                flushed = output.Length;
            }

            if (step.Outcome != ProcessOutcome.Yield)
            {
                return new ProcessResult(consumed + step.Consumed, step.Outcome, step.MinimumInput);
            }

            consumed += step.Consumed;
        }
    }

    /// <summary>
    /// Executes one request. Returns the bytes it consumed with <see cref="ProcessOutcome.Yield"/> to go on,
    /// <see cref="ProcessOutcome.NeedMoreInput"/> (nothing consumed) while its value is incomplete, or
    /// <see cref="ProcessOutcome.Close"/>.
    /// </summary>
    private ProcessResult Dispatch(BinaryRequest request, ReadOnlySpan<byte> rest, OutputBuffer output, ref int flushed)
    {
        var header = request.Header;
        var loud = BinaryOpcodes.Loud(header.Opcode, out bool quiet);
        int frame = request.FrameLength;
        switch (BinaryRequestValidator.Check(header, loud))
        {
            case BinaryRequestCheck.Inconsistent:
                BinaryReply.Error(output, header, BinaryStatus.UnknownCommand);
                return new ProcessResult(frame, ProcessOutcome.Close);
            case BinaryRequestCheck.InvalidArguments:
                BinaryReply.Error(output, header, BinaryStatus.InvalidArguments);
                return new ProcessResult(frame, ProcessOutcome.Close);
            case BinaryRequestCheck.UnknownOpcode:
                // memcached swallows the whole body length although extras and key were already consumed.
                BinaryReply.Error(output, header, BinaryStatus.UnknownCommand);
                _swallowRemaining = header.BodyLength;
                return new ProcessResult(frame, ProcessOutcome.Yield);
        }

        if (BinaryOpcodes.CarriesValue(loud))
        {
            return Store(request, loud, quiet, rest, output);
        }

        switch (loud)
        {
            case BinaryOpcode.Get:
            case BinaryOpcode.GetK:
            case BinaryOpcode.Touch:
            case BinaryOpcode.Gat:
            case BinaryOpcode.GatK:
                BinaryRetrieval.Execute(_node, request, loud, quiet, output);
                break;
            case BinaryOpcode.Delete:
                Delete(request, quiet, output);
                break;
            case BinaryOpcode.Increment:
            case BinaryOpcode.Decrement:
                BinaryArithmetic.Execute(_node, request, loud, quiet, output);
                break;
            case BinaryOpcode.Noop:
                BinaryReply.Success(output, header, 0);
                flushed = output.Length;
                break;
            case BinaryOpcode.Version:
                BinaryReply.Success(output, header, 0, VersionBody);
                break;
            case BinaryOpcode.Flush:
                Flush(request, quiet, output);
                break;
            case BinaryOpcode.Stat:
                BinaryStats.Execute(_node, request, _statsScratch ??= new OutputBuffer(4096), output);
                break;
            case BinaryOpcode.Quit:
                if (!quiet)
                {
                    BinaryReply.Success(output, header, 0);
                }

                return new ProcessResult(frame, ProcessOutcome.Close);
            default:
                // SASL without -S: memcached answers "Unknown command" and swallows the mechanism data.
                BinaryReply.Error(output, header, BinaryStatus.UnknownCommand);
                _swallowRemaining = header.BodyLength - header.KeyLength;
                break;
        }

        return new ProcessResult(frame, ProcessOutcome.Yield);
    }

    /// <summary>
    /// memcached's write_bin_error switches to conn_mwrite, so an error reply (unless a swallow follows) sends
    /// everything queued; success replies and the keyed GETK/GATK miss wait for the next flush point.
    /// </summary>
    private bool FlushesAfterReply(in BinaryHeader header, OutputBuffer output, int replyStart)
    {
        if (_swallowRemaining > 0 || output.Length - replyStart < BinaryHeader.Size)
        {
            return false;
        }

        var status = (BinaryStatus)BinaryPrimitives.ReadUInt16BigEndian(output.WrittenSpan[(replyStart + 6)..]);
        var loud = BinaryOpcodes.Loud(header.Opcode, out _);
        return status != BinaryStatus.Success
            && !(status == BinaryStatus.KeyNotFound && loud is BinaryOpcode.GetK or BinaryOpcode.GatK);
    }

    private ProcessResult Store(BinaryRequest request, BinaryOpcode loud, bool quiet, ReadOnlySpan<byte> rest, OutputBuffer output)
    {
        int frame = request.FrameLength;
        int valueLength = request.Header.ValueLength;
        if (valueLength < 0 || _node.Engine.ExceedsItemSizeLimit(request.Key.Length, valueLength, BinaryStorage.ClientFlags(request, loud)))
        {
            BinaryStorage.RejectTooLarge(_node, request, loud, output);
            _swallowRemaining = Math.Max(valueLength, 0);
            return new ProcessResult(frame, ProcessOutcome.Yield);
        }

        int total = frame + valueLength;
        if (rest.Length < total)
        {
            return new ProcessResult(0, ProcessOutcome.NeedMoreInput, total);
        }

        BinaryStorage.Execute(_node, request, loud, quiet, rest.Slice(frame, valueLength), output);
        return new ProcessResult(total, ProcessOutcome.Yield);
    }

    private void Delete(BinaryRequest request, bool quiet, OutputBuffer output)
    {
        switch (DeleteCommand.Remove(_node, request.Key, request.Header.Cas))
        {
            case DeleteOutcome.Deleted:
                if (!quiet)
                {
                    BinaryReply.Success(output, request.Header, 0);
                }

                break;
            case DeleteOutcome.Exists:
                BinaryReply.Error(output, request.Header, BinaryStatus.KeyExists);
                break;
            default:
                BinaryReply.Error(output, request.Header, BinaryStatus.KeyNotFound);
                break;
        }
    }

    private void Flush(BinaryRequest request, bool quiet, OutputBuffer output)
    {
        // With -F memcached refuses with an auth error and, unlike flush_all, does not count the attempt.
        if (_node.Settings.FlushDisabled)
        {
            BinaryReply.Error(output, request.Header, BinaryStatus.AuthError);
            return;
        }

        long delay = request.Extras.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(request.Extras) : 0;
        AdminCommands.Flush(_node, delay);
        Interlocked.Increment(ref _node.Statistics.CmdFlush);
        if (!quiet)
        {
            BinaryReply.Success(output, request.Header, 0);
        }
    }
}
