using Memgate.Node.Auth;
using Memgate.Node.Commands;
using Memgate.Node.Stats;
using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node;

/// <summary>
/// One client connection of a node speaking the text and meta protocols: parses every complete request in the
/// receive buffer, executes it against the engine on the receiving thread, and queues the replies for one send.
/// </summary>
internal sealed class TextSession : IProtocolSession
{
    private readonly NodeContext _node;
    private readonly ConnectionContext _connection;
    private readonly MemcachedSizing _sizing;
    private readonly byte[] _scratch = new byte[512];
    private readonly AdminSession _admin = new();

    /// <summary>With -Y: the connection's authentication state; null when authentication is off.</summary>
    private readonly AsciiAuthGate? _auth;
    private long _swallowRemaining;

    /// <summary>memcached answers a rejected data block only once the whole block has been swallowed.</summary>
    private byte[]? _replyAfterSwallow;

    public TextSession(NodeContext node, ConnectionContext connection, MemcachedSizing sizing)
    {
        _node = node;
        _connection = connection;
        _sizing = sizing;
        _auth = node.Authenticator is { } authenticator ? new AsciiAuthGate(authenticator, node.Statistics) : null;
    }

    public ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken)
        => new(Process(input.Span, output));

    public void Dispose()
    {
    }

    private ProcessResult Process(ReadOnlySpan<byte> input, OutputBuffer output)
    {
        if (_admin.Watching)
        {
            // memcached stops reading a watcher's commands; whatever it sends is dropped unanswered.
            return new ProcessResult(input.Length, ProcessOutcome.NeedMoreInput);
        }

        int consumed = 0;
        var budget = new EventBudget(_node);
        _auth?.BeginBatch();

        // memcached transmits its queued replies after every successful retrieval; replies queued since then
        // are the ones a rejected multi-get discards.
        int transmittedMark = output.Length;
        while (true)
        {
            if (_admin.Metadump.IsActive && !_admin.Metadump.Continue(_node, _sizing, output, EventBudget.OutputHighWater))
            {
                // Send what is written and come back for more before reading the next pipelined command.
                return new ProcessResult(consumed, ProcessOutcome.Yield);
            }

            if (_swallowRemaining > 0)
            {
                int skip = (int)Math.Min(_swallowRemaining, input.Length - consumed);
                consumed += skip;
                _swallowRemaining -= skip;
                if (_swallowRemaining > 0)
                {
                    return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
                }

                if (_replyAfterSwallow is { } reply)
                {
                    output.Write(reply);
                    _replyAfterSwallow = null;
                }
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

            if (_auth is { IsAuthenticated: false })
            {
                // Nothing but the authentication exchange runs before the client has authenticated.
                var step = _auth.Process(rest, output);
                consumed += step.Consumed;
                if (step.Outcome != ProcessOutcome.Yield)
                {
                    return step with { Consumed = consumed };
                }

                budget.Count();
                continue;
            }

            var request = default(TextRequest);
            var status = TextRequestParser.Parse(rest, ref request, _scratch);
            switch (status)
            {
                case ParseStatus.Incomplete:
                    return TextRequestParser.ShouldCloseOverlongLine(rest)
                        ? new ProcessResult(consumed, ProcessOutcome.Close)
                        : new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
                case ParseStatus.Close:
                    return new ProcessResult(consumed, ProcessOutcome.Close);
                case ParseStatus.Error:
                    consumed += request.LineLength;
                    if (IsRetrieval(request.Command) && request.ErrorReply.SequenceEqual(TextReplies.BadCommandLineFormat))
                    {
                        // An over-long key in a get makes memcached drop every reply it had not sent yet.
                        output.Truncate(transmittedMark);
                    }

                    if (request.SwallowData)
                    {
                        Swallow(request.DataLength, request.ErrorReply);
                    }
                    else
                    {
                        output.Write(request.ErrorReply);
                    }

                    if (request.CloseAfterError)
                    {
                        return new ProcessResult(consumed, ProcessOutcome.Close);
                    }

                    CountRejected(ref request);
                    budget.Count();
                    continue;
            }

            budget.Count();
            _connection.LastCommandTime = _node.Clock.CurrentTime;
            if (IsStorage(request.Command))
            {
                var step = ProcessStorage(ref request, rest, output);
                if (step.Outcome == ProcessOutcome.NeedMoreInput)
                {
                    return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput, step.MinimumInput);
                }

                consumed += step.Consumed;
                continue;
            }

            consumed += request.LineLength;
            if (!Execute(ref request, output))
            {
                return new ProcessResult(consumed, ProcessOutcome.Close);
            }

            if (IsRetrieval(request.Command))
            {
                transmittedMark = output.Length;
            }

            if (_admin.Watching)
            {
                return new ProcessResult(input.Length, ProcessOutcome.NeedMoreInput);
            }
        }
    }

    /// <summary>Discards a data block unseen, then answers with <paramref name="reply"/> (empty for noreply).</summary>
    private void Swallow(int dataLength, ReadOnlySpan<byte> reply)
    {
        _swallowRemaining = (long)dataLength + 2;
        _replyAfterSwallow = reply.IsEmpty ? null : reply.ToArray();
    }

    /// <summary>flush_all counts cmd_flush even when its line is rejected, as in memcached.</summary>
    private void CountRejected(ref TextRequest request)
    {
        if (request.Command == TextCommand.FlushAll)
        {
            Interlocked.Increment(ref _node.Statistics.CmdFlush);
        }
    }

    private static bool IsRetrieval(TextCommand command)
        => command is TextCommand.Get or TextCommand.Gets or TextCommand.Gat or TextCommand.Gats;

    private static bool IsStorage(TextCommand command)
        => command is TextCommand.Set or TextCommand.Add or TextCommand.Replace or TextCommand.Append
            or TextCommand.Prepend or TextCommand.Cas or TextCommand.MetaSet;

    /// <summary>
    /// A storage command with its data block. A value over the item size limit is answered at once and its data
    /// swallowed without buffering it, as memcached does.
    /// </summary>
    private ProcessResult ProcessStorage(ref TextRequest request, ReadOnlySpan<byte> rest, OutputBuffer output)
    {
        long blockLength = (long)request.DataLength + 2;
        if (request.DataLength > _node.Settings.MaxItemSize)
        {
            RejectTooLarge(ref request);
            return new ProcessResult(request.LineLength, ProcessOutcome.Yield);
        }

        long needed = request.LineLength + blockLength;
        if (rest.Length < needed)
        {
            return new ProcessResult(0, ProcessOutcome.NeedMoreInput, (int)needed);
        }

        var block = rest.Slice(request.LineLength, (int)blockLength);
        if (block[^2] != (byte)'\r' || block[^1] != (byte)'\n')
        {
            Interlocked.Increment(ref _node.Statistics.CmdSet);
            if (!request.NoReply || request.Command == TextCommand.MetaSet)
            {
                output.Write("CLIENT_ERROR bad data chunk\r\n"u8);
            }

            return new ProcessResult((int)needed, ProcessOutcome.Yield);
        }

        var data = block[..^2];
        if (request.Command == TextCommand.MetaSet)
        {
            MetaSetCommand.Execute(_node, ref request, data, output);
        }
        else
        {
            StorageCommand.Execute(_node, ref request, data, output);
        }

        return new ProcessResult((int)needed, ProcessOutcome.Yield);
    }

    private void RejectTooLarge(ref TextRequest request)
    {
        Interlocked.Increment(ref _node.Statistics.StoreTooLarge);

        // memcached also drops the old value when a set fails.
        if (request.Command is TextCommand.Set or TextCommand.MetaSet)
        {
            using var cache = _node.Engine.Lock();
            var old = cache.Find(request.Key, out _);
            if (!old.IsNone)
            {
                cache.Unlink(old);
            }
        }

        bool reply = !request.NoReply || request.Command == TextCommand.MetaSet;
        Swallow(request.DataLength, reply ? TooLargeReply : default);
    }

    private static ReadOnlySpan<byte> TooLargeReply => "SERVER_ERROR object too large for cache\r\n"u8;

    /// <summary>Runs a non-storage command; returns false when the connection must close afterwards.</summary>
    private bool Execute(ref TextRequest request, OutputBuffer output)
    {
        switch (request.Command)
        {
            case TextCommand.Get:
            case TextCommand.Gets:
            case TextCommand.Gat:
            case TextCommand.Gats:
                RetrievalCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.Delete:
                DeleteCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.Incr:
            case TextCommand.Decr:
                ArithmeticCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.Touch:
                TouchCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.MetaGet:
                MetaGetCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.MetaDelete:
                MetaDeleteCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.MetaArithmetic:
                MetaArithmeticCommand.Execute(_node, ref request, output);
                break;
            case TextCommand.MetaDebug:
                MetaDebugCommand.Execute(_node, _sizing, ref request, output);
                break;
            case TextCommand.MetaNoop:
                output.Write("MN\r\n"u8);
                break;
            case TextCommand.Stats:
                StatsCommand.Execute(_node, _sizing, ref request, output);
                break;
            case TextCommand.FlushAll:
                AdminCommands.FlushAll(_node, ref request, output);
                break;
            case TextCommand.Version:
                AdminCommands.Version(output);
                break;
            case TextCommand.Verbosity:
                AdminCommands.Verbosity(_node, ref request, output);
                break;
            case TextCommand.CacheMemlimit:
                AdminCommands.CacheMemlimit(_node, ref request, output);
                break;
            case TextCommand.Shutdown:
                return !AdminCommands.Shutdown(_node, ref request, output);
            case TextCommand.Quit:
                return false;
            case TextCommand.Admin:
                AdminCommands.Admin(_node, _sizing, _admin, ref request, output);
                break;
            default:
                output.Write("ERROR\r\n"u8);
                break;
        }

        return true;
    }
}
