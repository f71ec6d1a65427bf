using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Auth;

/// <summary>
/// One text connection's state before it has authenticated with -Y, following memcached 1.6.18's
/// try_read_command_asciiauth: the only request understood is "set &lt;any&gt; &lt;any&gt; &lt;any&gt; &lt;bytes&gt;" whose
/// data is "user password"; every other line is answered with "CLIENT_ERROR unauthenticated" and nothing else runs.
/// </summary>
internal sealed class AsciiAuthGate
{
    /// <summary>memcached waits for at least this many bytes before looking for a line.</summary>
    private const int MinimumLine = 2;

    /// <summary>A client sending more than this without a newline is disconnected.</summary>
    private const int MaxLineWithoutNewline = 2048;

    /// <summary>memcached's fixed read buffer: a token block that cannot fit in it closes the connection once it is full.</summary>
    private const int ReadBufferSize = 16384;

    private readonly AsciiAuthenticator _authenticator;
    private readonly NodeStatistics _statistics;
    private bool _awaitingToken;
    private int _blockLength;
    private bool _lineEndedWithCr;
    private int _replyStart = -1;

    public AsciiAuthGate(AsciiAuthenticator authenticator, NodeStatistics statistics)
    {
        _authenticator = authenticator;
        _statistics = statistics;
    }

    public bool IsAuthenticated { get; private set; }

    /// <summary>Call at the start of each receive batch (replies of earlier batches have been sent).</summary>
    public void BeginBatch() => _replyStart = -1;

    /// <summary>
    /// Handles one authentication request at the start of <paramref name="input"/>. <see cref="ProcessOutcome.Yield"/>
    /// means one request was answered and the caller may go on with the rest of the input.
    /// </summary>
    public ProcessResult Process(ReadOnlySpan<byte> input, OutputBuffer output)
    {
        int consumed = 0;
        if (!_awaitingToken)
        {
            if (input.Length < MinimumLine)
            {
                return new ProcessResult(0, ProcessOutcome.NeedMoreInput);
            }

            int newline = input.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return new ProcessResult(0, input.Length > MaxLineWithoutNewline ? ProcessOutcome.Close : ProcessOutcome.NeedMoreInput);
            }

            consumed = newline + 1;
            if (!TryReadSetLine(input[..newline], out uint length))
            {
                Reply(output, TextReplies.Unauthenticated);
                return new ProcessResult(consumed, ProcessOutcome.Yield);
            }

            // memcached keeps "length + 2" in an int; past int.MaxValue it reads far outside its buffer and
            // crashes. Closing the connection is the nearest safe behaviour.
            _blockLength = unchecked((int)(length + 2));
            if (_blockLength < 0)
            {
                return new ProcessResult(consumed, ProcessOutcome.Close);
            }

            _lineEndedWithCr = newline > 0 && input[newline - 1] == (byte)'\r';
            _awaitingToken = true;
        }

        var block = input[consumed..];
        if (_blockLength > ReadBufferSize)
        {
            // memcached never completes such a block: once its buffer is full, the next read finds no room and closes.
            return new ProcessResult(consumed, block.Length > ReadBufferSize ? ProcessOutcome.Close : ProcessOutcome.NeedMoreInput, ReadBufferSize + 1);
        }

        if (block.Length < _blockLength)
        {
            return new ProcessResult(consumed, ProcessOutcome.NeedMoreInput, _blockLength);
        }

        _awaitingToken = false;
        CheckToken(block, output);
        return new ProcessResult(consumed + _blockLength, ProcessOutcome.Yield);
    }

    /// <summary>
    /// "set" plus at least four more space-separated tokens, the fourth a number (memcached's safe_strtoul; the key,
    /// flags and exptime are ignored, and so is "noreply"). The line keeps its '\r' and ends at a NUL byte.
    /// </summary>
    private static bool TryReadSetLine(ReadOnlySpan<byte> line, out uint length)
    {
        length = 0;
        var tokens = new SpaceTokens(UpToNul(line));
        return tokens.Next(out var command) && command.SequenceEqual("set"u8)
            && tokens.Next(out _) && tokens.Next(out _) && tokens.Next(out _)
            && tokens.Next(out var bytes) && NumberParser.TryParseUInt32(bytes, out length);
    }

    private void CheckToken(ReadOnlySpan<byte> block, OutputBuffer output)
    {
        // memcached checks the two bytes before the block's end even when the block is shorter than its "\r\n":
        // with length 2^32 − 1 they are the line's '\n' and the first byte; with 2^32 − 2 the line's own "\r\n".
        bool terminated = _blockLength switch
        {
            0 => _lineEndedWithCr,
            1 => false,
            _ => block[_blockLength - 2] == (byte)'\r' && block[_blockLength - 1] == (byte)'\n',
        };
        if (!terminated)
        {
            Reply(output, TextReplies.BadCommandLineTermination);
            return;
        }

        // With length 2^32 − 2 the token is whatever follows in the buffer, up to a NUL.
        var token = UpToNul(_blockLength == 0 ? block : block[..(_blockLength - 2)]);
        var tokens = new SpaceTokens(token);
        if (!tokens.Next(out var user) || !tokens.Next(out var password))
        {
            Reply(output, TextReplies.BadAuthenticationTokenFormat);
            return;
        }

        Interlocked.Increment(ref _statistics.AuthCmds);
        if (_authenticator.Credentials.Check(user, password))
        {
            IsAuthenticated = true;
            Reply(output, "STORED\r\n"u8);
        }
        else
        {
            Interlocked.Increment(ref _statistics.AuthErrors);
            Reply(output, TextReplies.AuthenticationFailure);
        }
    }

    /// <summary>
    /// Until a connection authenticates, memcached writes every reply of a batch into the same response object,
    /// so only the batch's last reply reaches the client.
    /// </summary>
    private void Reply(OutputBuffer output, ReadOnlySpan<byte> reply)
    {
        if (_replyStart >= 0)
        {
            output.Truncate(_replyStart);
        }
        else
        {
            _replyStart = output.Length;
        }

        output.Write(reply);
    }

    /// <summary>memcached tokenizes C strings: a NUL byte ends the text.</summary>
    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> text)
    {
        int nul = text.IndexOf((byte)0);
        return nul < 0 ? text : text[..nul];
    }
}
