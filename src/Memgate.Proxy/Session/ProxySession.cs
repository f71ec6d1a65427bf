using System.Runtime.CompilerServices;
using System.Text;
using Memgate.Protocol.Text;
using Memgate.Proxy.Backends;
using Memgate.Proxy.Routing;
using Memgate.Server;

namespace Memgate.Proxy.Session;

/// <summary>
/// One client connection of the proxy. Every complete request of a receive batch is parsed and sent
/// on at once (so a pipelining client gets its backends pipelined too); the replies are then awaited
/// and written strictly in request order, all with one send. Requests whose replica copy depends on
/// the primary's answer are finished before the next request of the batch is dispatched, so copies
/// reach the replica in the client's order.
/// </summary>
internal sealed class ProxySession : IProtocolSession
{
    /// <summary>Requests per batch before yielding, bounding the memory one client can pin.</summary>
    private const int MaxRequestsPerBatch = 512;

    /// <summary>First byte of every binary-protocol request.</summary>
    private const byte BinaryMagic = 0x80;

    private static readonly byte[] ObjectTooLarge = "SERVER_ERROR object too large for cache\r\n"u8.ToArray();
    private static readonly byte[] BadDataChunk = "CLIENT_ERROR bad data chunk\r\n"u8.ToArray();
    private static readonly byte[] Version = Encoding.ASCII.GetBytes("VERSION " + ProxyVersion.Protocol + "\r\n");
    private static readonly byte[] InternalError = "SERVER_ERROR proxy internal error\r\n"u8.ToArray();

    private readonly ProxyCluster _cluster;
    private readonly ProxyAdmin _admin;
    private readonly int _affinity;
    private readonly byte[] _scratch = new byte[512];
    private readonly List<PendingReply> _pending = [];
    private long _swallowRemaining;

    public ProxySession(ProxyCluster cluster, ProxyAdmin admin, ConnectionContext connection)
    {
        _cluster = cluster;
        _admin = admin;
        _affinity = (int)connection.Id;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ProcessResult> ProcessAsync(ReadOnlyMemory<byte> input, OutputBuffer output, CancellationToken cancellationToken)
    {
        int consumed = 0;
        int requests = 0;
        ProcessResult result;

        // Backend sends of this batch leave together, one write per backend connection, when the cork
        // ends. It ends before every await: the continuation may resume on another thread.
        SendCork.Begin();
        bool corked = true;
        try
        {
            while (true)
            {
                if (_swallowRemaining > 0)
                {
                    int skip = (int)Math.Min(_swallowRemaining, input.Length - consumed);
                    consumed += skip;
                    _swallowRemaining -= skip;
                    if (_swallowRemaining > 0)
                    {
                        result = new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
                        break;
                    }
                }

                if (consumed == input.Length)
                {
                    result = new ProcessResult(consumed, ProcessOutcome.NeedMoreInput);
                    break;
                }

                if (requests >= MaxRequestsPerBatch)
                {
                    result = new ProcessResult(consumed, ProcessOutcome.Yield);
                    break;
                }

                if (input.Span[consumed] == BinaryMagic)
                {
                    // A binary-protocol client: the proxy speaks text and meta only. Hanging up at once
                    // beats leaving the client to its timeout.
                    result = new ProcessResult(consumed, ProcessOutcome.Close);
                    break;
                }

                ParsedStep step;
                try
                {
                    step = Parse(input.Span[consumed..]);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A bug in the proxy must cost this connection, never the process.
                    _pending.Add(new PendingReply(null, new ValueTask<ProxyReply>(ProxyReply.Literal(InternalError))));
                    result = new ProcessResult(consumed, ProcessOutcome.Close);
                    break;
                }

                consumed += step.Consumed;
                if (step.Kind == ParsedStepKind.NeedMore)
                {
                    result = new ProcessResult(consumed, ProcessOutcome.NeedMoreInput, step.MinimumInput);
                    break;
                }

                if (step.Kind == ParsedStepKind.Close)
                {
                    result = new ProcessResult(consumed, ProcessOutcome.Close);
                    break;
                }

                requests++;
                if (step.Kind == ParsedStepKind.Answer)
                {
                    _pending.Add(new PendingReply(null, new ValueTask<ProxyReply>(step.Reply)));
                    continue;
                }

                ProxyRequest request = step.Request!;
                if (request.Route == RouteKind.Retrieval)
                {
                    _pending.Add(StartRetrieval(request));
                    continue;
                }

                ValueTask<ProxyReply> reply = Dispatch(request);
                if (request.IsBarrier)
                {
                    corked = false;
                    SendCork.End();
                    ProxyReply settled;
                    try
                    {
                        settled = await reply.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        settled = ProxyReply.Literal(InternalError);
                    }

                    reply = new ValueTask<ProxyReply>(settled);
                    SendCork.Begin();
                    corked = true;
                }

                _pending.Add(new PendingReply(request, reply));
            }
        }
        finally
        {
            if (corked)
            {
                SendCork.End();
            }
        }

        // Replies in request order, awaited here rather than in helper async methods: a helper that suspends rents a
        // state-machine box per request, and with many sessions waiting at once the builder's cache runs dry.
        try
        {
            foreach (PendingReply entry in _pending)
            {
                ProxyRequest? request = entry.Request;
                ProxyReply reply;
                try
                {
                    ValueTask<ProxyReply> pending = entry.IsSingleNodeRead
                        ? MultiGetSplitter.Finish(_cluster, request!, entry.Read, await entry.Read.Whole.ConfigureAwait(false), _affinity)
                        : entry.Reply;
                    reply = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    reply = ProxyReply.Literal(InternalError);
                }

                if (request is null || request.ShowsReply(reply.Span))
                {
                    output.Write(reply.Span);
                }

                reply.Release();
                request?.Dispose();
            }
        }
        finally
        {
            _pending.Clear();
        }

        return result;
    }

    public void Dispose()
    {
        foreach (PendingReply entry in _pending)
        {
            entry.Request?.Dispose();
        }

        _pending.Clear();
    }

    private PendingReply StartRetrieval(ProxyRequest request)
    {
        try
        {
            return MultiGetSplitter.TryStartSingleNode(_cluster, request, _affinity, out SingleNodeRead read, out ValueTask<ProxyReply> other)
                ? new PendingReply(request, read)
                : new PendingReply(request, other);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PendingReply(request, new ValueTask<ProxyReply>(ProxyReply.Literal(InternalError)));
        }
    }

    private ValueTask<ProxyReply> Dispatch(ProxyRequest request)
    {
        try
        {
            return request.Route switch
            {
                RouteKind.ReplicatedWrite => ReplicatedWriteRoute.ExecuteAsync(_cluster, request, _affinity),
                RouteKind.PrimaryDecides => PrimaryDecidesRoute.ExecuteAsync(_cluster, request, _affinity),
                RouteKind.FailoverRead => FailoverReadRoute.ExecuteAsync(_cluster, request, _affinity),
                _ => BroadcastRoute.ExecuteAsync(_cluster, request, _affinity),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ValueTask<ProxyReply>(ProxyReply.Literal(InternalError));
        }
    }

    private ParsedStep Parse(ReadOnlySpan<byte> rest)
    {
        var request = default(TextRequest);
        switch (TextRequestParser.Parse(rest, ref request, _scratch))
        {
            case ParseStatus.Incomplete:
                return TextRequestParser.ShouldCloseOverlongLine(rest) ? ParsedStep.Close() : ParsedStep.NeedMore();
            case ParseStatus.Close:
                return ParsedStep.Close();
            case ParseStatus.Error:
                return ParseError(ref request, rest);
        }

        ProxyStatistics statistics = _cluster.Statistics;
        ReadOnlySpan<byte> line = Line(rest, request.LineLength);
        switch (request.Command)
        {
            case TextCommand.Set or TextCommand.Add or TextCommand.Replace or TextCommand.Append or TextCommand.Prepend
                or TextCommand.Cas or TextCommand.MetaSet:
                return Storage(ref request, rest, line);
            case TextCommand.Get or TextCommand.Gets or TextCommand.Gat or TextCommand.Gats:
                if (request.Command is TextCommand.Gat or TextCommand.Gats)
                {
                    Interlocked.Increment(ref statistics.CmdTouch);
                }

                return Forward(ref request, line, default);
            case TextCommand.Delete:
                Interlocked.Increment(ref statistics.CmdDelete);
                return Forward(ref request, line, default);
            case TextCommand.Incr or TextCommand.Decr:
                Interlocked.Increment(ref statistics.CmdArithmetic);
                return Forward(ref request, line, default);
            case TextCommand.Touch:
                Interlocked.Increment(ref statistics.CmdTouch);
                return Forward(ref request, line, default);
            case TextCommand.MetaGet or TextCommand.MetaDelete or TextCommand.MetaArithmetic or TextCommand.MetaDebug:
                Interlocked.Increment(ref statistics.CmdMeta);
                return Forward(ref request, line, default);
            case TextCommand.FlushAll:
                Interlocked.Increment(ref statistics.CmdFlush);
                return Forward(ref request, line, default);
            case TextCommand.MetaNoop:
                return ParsedStep.Answer(request.LineLength, ProxyReply.Literal(ReplyLines.MetaNoop));
            case TextCommand.Version:
                return ParsedStep.Answer(request.LineLength, ProxyReply.Literal(Version));
            case TextCommand.Verbosity:
                // The nodes keep their own verbosity; the proxy has nothing to change.
                return ParsedStep.Answer(request.LineLength, request.NoReply ? ProxyReply.None : ProxyReply.Literal(ReplyLines.Ok));
            case TextCommand.Stats:
                return ParsedStep.Answer(request.LineLength, _admin.Stats(request.Arguments));
            case TextCommand.Quit:
                return ParsedStep.Close(request.LineLength);
            case TextCommand.Shutdown:
                return ParsedStep.Answer(request.LineLength, ProxyReply.Literal(ReplyLines.ShutdownNotEnabled));
            default:
                // cache_memlimit, slabs, lru, lru_crawler, watch...: per-node administration, not a cluster command.
                return ParsedStep.Answer(request.LineLength, ProxyReply.Literal(ReplyLines.NotSupported));
        }
    }

    private ParsedStep ParseError(ref TextRequest request, ReadOnlySpan<byte> rest)
    {
        if (request.CommandName.SequenceEqual("__memgate__"u8))
        {
            return ParsedStep.Answer(request.LineLength, _admin.Admin(Line(rest, request.LineLength)));
        }

        if (request.CloseAfterError)
        {
            _pending.Add(new PendingReply(null, new ValueTask<ProxyReply>(ProxyReply.Copy(request.ErrorReply))));
            return ParsedStep.Close(request.LineLength);
        }

        if (request.SwallowData)
        {
            _swallowRemaining = (long)request.DataLength + 2;
        }

        return ParsedStep.Answer(request.LineLength, request.ErrorReply.IsEmpty ? ProxyReply.None : ProxyReply.Copy(request.ErrorReply));
    }

    private ParsedStep Storage(ref TextRequest request, ReadOnlySpan<byte> rest, ReadOnlySpan<byte> line)
    {
        Interlocked.Increment(ref _cluster.Statistics.CmdSet);
        bool meta = request.Command == TextCommand.MetaSet;
        if (request.DataLength > _cluster.Settings.MaxItemSize)
        {
            // As memcached: answer at once and swallow the value without buffering it.
            _swallowRemaining = (long)request.DataLength + 2;
            return ParsedStep.Answer(request.LineLength, request.NoReply && !meta ? ProxyReply.None : ProxyReply.Literal(ObjectTooLarge));
        }

        int needed = request.LineLength + request.DataLength + 2;
        if (rest.Length < needed)
        {
            return ParsedStep.NeedMore(needed);
        }

        ReadOnlySpan<byte> block = rest.Slice(request.LineLength, request.DataLength + 2);
        if (block[^2] != (byte)'\r' || block[^1] != (byte)'\n')
        {
            return ParsedStep.Answer(needed, request.NoReply && !meta ? ProxyReply.None : ProxyReply.Literal(BadDataChunk));
        }

        return ParsedStep.Forward(needed, RequestTranslator.Translate(ref request, line, block));
    }

    private static ParsedStep Forward(ref TextRequest request, ReadOnlySpan<byte> line, ReadOnlySpan<byte> block) =>
        ParsedStep.Forward(request.LineLength, RequestTranslator.Translate(ref request, line, block));

    // The command line without its line ending, cut at a NUL byte as memcached's C-string tokenizer does.
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> rest, int lineLength)
    {
        ReadOnlySpan<byte> line = rest[..(lineLength - 1)];
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        int nul = line.IndexOf((byte)0);
        return nul >= 0 ? line[..nul] : line;
    }
}
