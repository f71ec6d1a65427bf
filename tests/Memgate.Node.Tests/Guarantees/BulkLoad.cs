using System.Text;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>Pipelined bulk writes and read-backs of <see cref="MixedValues"/> over one connection.</summary>
public static class BulkLoad
{
    private const int SendChunkBytes = 1024 * 1024;
    private const int KeysPerGet = 40;

    /// <summary>Sends a <c>set</c> for every key (pipelined, ~1 MB per send) and returns the one-line reply of each, in order.</summary>
    public static async Task<string[]> SetAllAsync(RawClient client, MixedValues values)
    {
        var batch = new MemoryStream(SendChunkBytes + (128 * 1024));
        for (var i = 0; i < values.Count; i++)
        {
            batch.Write(Encoding.ASCII.GetBytes($"set {values.Key(i)} {i} 0 {values.Size(i)}\r\n"));
            batch.Write(values.Value(i));
            batch.Write("\r\n"u8);
            if (batch.Length >= SendChunkBytes || i == values.Count - 1)
            {
                Assert.True(await client.SendAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length)), "server closed the connection during the load");
                batch.SetLength(0);
            }
        }

        var expected = values.Count;
        var replies = await client.ReadAsync(data => CountLines(data.Span, expected), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120));
        Assert.True(replies.IsComplete, $"not all {expected} replies arrived: {replies.End}");
        return replies.Text.Split("\r\n")[..expected];
    }

    /// <summary>Reads every key back; returns the keys found (index → value matched) and the indexes whose bytes differ.</summary>
    public static async Task<ReadBack> ReadAllAsync(RawClient client, MixedValues values)
    {
        var present = 0;
        var corrupt = new List<int>();
        for (var first = 0; first < values.Count; first += KeysPerGet)
        {
            var last = Math.Min(values.Count, first + KeysPerGet);
            var request = new StringBuilder("get");
            for (var i = first; i < last; i++)
            {
                request.Append(' ').Append(values.Key(i));
            }

            await client.SendAsync(request.Append("\r\n").ToString());
            var reply = await client.ReadAsync(GetReply.Frame, TimeSpan.FromSeconds(10));
            Assert.True(reply.IsComplete, $"get reply incomplete: {reply}");
            var hits = GetReply.Values(reply.Data);
            for (var i = first; i < last; i++)
            {
                if (!hits.TryGetValue(values.Key(i), out var hit))
                {
                    continue;
                }

                present++;
                if (hit.Flags != (uint)i || !hit.Value.AsSpan().SequenceEqual(values.Value(i)))
                {
                    corrupt.Add(i);
                }
            }
        }

        return new ReadBack(present, corrupt);
    }

    private static int CountLines(ReadOnlySpan<byte> data, int lines)
    {
        var at = 0;
        for (var n = 0; n < lines; n++)
        {
            var next = data[at..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            at += next + 1;
        }

        return at;
    }
}
