namespace Memgate.LoadGen;

/// <summary>
/// Counts memcached text replies as bytes arrive: one reply ends with <c>END</c> (get), a storage
/// status line (set) or an error line. Value blocks are skipped by length, so they need not fit in
/// the receive buffer; only reply lines must.
/// </summary>
internal sealed class ResponseReader
{
    // VALUE(1) <key>(2) <flags>(3) <bytes>(4) [<cas>]
    private const int BytesField = 4;

    private long _skip;

    /// <summary>Replies completed since the last <see cref="Reset"/>.</summary>
    public int Completed { get; private set; }

    /// <summary>VALUE blocks seen (get hits).</summary>
    public long Hits { get; private set; }

    /// <summary>ERROR / CLIENT_ERROR / SERVER_ERROR / unexpected lines.</summary>
    public long Errors { get; private set; }

    public void Reset() => Completed = 0;

    public void ClearCounters()
    {
        Hits = 0;
        Errors = 0;
    }

    /// <summary>Consumes whole lines and value blocks; returns how many bytes were used. The rest is an incomplete line.</summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (consumed < data.Length)
        {
            if (_skip > 0)
            {
                var take = (int)Math.Min(_skip, data.Length - consumed);
                _skip -= take;
                consumed += take;
                continue;
            }

            var rest = data[consumed..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            var line = rest[..newline];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            consumed += newline + 1;
            Classify(line);
        }

        return consumed;
    }

    private void Classify(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("VALUE "u8))
        {
            Hits++;
            _skip = ValueLength(line) + 2;
            return;
        }

        Completed++;
        if (line.SequenceEqual("END"u8) || line.SequenceEqual("STORED"u8))
        {
            return;
        }

        // NOT_STORED, EXISTS, errors and anything unexpected: the run asked for none of them.
        Errors++;
    }

    private long ValueLength(ReadOnlySpan<byte> line)
    {
        var field = 0;
        long value = 0;
        var inToken = false;
        foreach (var b in line)
        {
            if (b == (byte)' ')
            {
                if (inToken && field == BytesField)
                {
                    return value;
                }

                inToken = false;
                continue;
            }

            if (!inToken)
            {
                inToken = true;
                field++;
                value = 0;
            }

            if (field == BytesField && b is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (b - '0');
            }
        }

        if (field == BytesField)
        {
            return value;
        }

        Errors++;
        return 0;
    }
}
