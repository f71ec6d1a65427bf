using System.Globalization;
using System.Text;
using Memgate.Protocol.Binary;
using Memgate.Testing;

namespace Memgate.Node.Tests.Binary;

/// <summary>
/// Runs a <see cref="BinaryCase"/> on one server over a fresh connection and renders the replies as normalised
/// lines: CAS values become ordinals (c1, c2, ... by first appearance), the version becomes a placeholder, and stat
/// values are dropped except for the command counters the binary protocol drives.
/// </summary>
public static class BinaryExchange
{
    /// <summary>
    /// Counters compared by value in STAT replies (the others depend on process, memory layout and time;
    /// curr_items too, as memcached keeps counting flushed items until they are reclaimed).
    /// </summary>
    private static readonly HashSet<string> ComparedCounters =
    [
        "cmd_get", "cmd_set", "cmd_flush", "cmd_touch", "get_hits", "get_misses", "get_expired", "get_flushed",
        "delete_misses", "delete_hits", "incr_misses", "incr_hits", "decr_misses", "decr_hits", "cas_misses",
        "cas_hits", "cas_badval", "touch_hits", "touch_misses", "store_too_large", "store_no_memory", "auth_cmds",
        "auth_errors", "total_items",
    ];

    public static async Task<IReadOnlyList<string>> RunAsync(ServerProcess server, BinaryCase binaryCase)
    {
        var lines = new List<string>();
        var responses = new List<BinaryResponse>();
        var casOrdinals = new Dictionary<ulong, int>();
        await using var client = await server.ConnectAsync();
        foreach (var step in binaryCase.Steps)
        {
            var request = step.Build(responses);
            if (!step.ExpectClose)
            {
                request = BinaryPacket.Concat(request, BinaryPacket.Sentinel);
            }

            await SendAsync(client, request, step.ChunkSize);
            var result = step.ExpectClose
                ? await client.ReadUntilCloseAsync(TimeSpan.FromSeconds(3))
                : await client.ReadAsync(BinaryResponse.FrameUntilSentinel, step.QuietTimeout);
            var received = new List<BinaryResponse>();
            int used = BinaryResponse.ParseAll(result.Data, received);
            responses.AddRange(received);
            lines.AddRange(received.Select(r => Render(r, casOrdinals)));
            if (used < result.Data.Length)
            {
                lines.Add("bytes: " + Escaping.Escape(Encoding.Latin1.GetString(result.Data, used, result.Data.Length - used), 200));
            }

            if (!result.IsComplete)
            {
                lines.Add(result.End == ReadEnd.Closed ? "closed" : "no sentinel (" + result.End + ")");
            }

            if (result.Closed)
            {
                break;
            }
        }

        return lines;
    }

    private static async Task SendAsync(RawClient client, byte[] request, int chunkSize)
    {
        if (chunkSize <= 0)
        {
            await client.SendAsync(request);
            return;
        }

        for (int offset = 0; offset < request.Length; offset += chunkSize)
        {
            await client.SendAsync(request.AsMemory(offset, Math.Min(chunkSize, request.Length - offset)));
            await Task.Delay(1);
        }
    }

    private static string Render(BinaryResponse r, Dictionary<ulong, int> casOrdinals)
    {
        string cas = r.Cas == 0 ? "0" : "c" + Ordinal(casOrdinals, r.Cas).ToString(CultureInfo.InvariantCulture);
        string body;
        string bodyLength = r.Body.Length.ToString(CultureInfo.InvariantCulture);
        if (r.Opcode == (byte)BinaryOpcode.Version && r.Status == 0)
        {
            body = "<version>";
        }
        else if (r.Opcode == (byte)BinaryOpcode.Stat && r.Status == 0 && r.KeyLength > 0 && !ComparedCounters.Contains(r.Key))
        {
            body = r.Key;
            bodyLength = "?";
        }
        else if (r.Opcode == (byte)BinaryOpcode.Stat && r.Status == 0 && r.KeyLength > 0)
        {
            body = r.Key + "=" + r.Value;
        }
        else
        {
            body = Escaping.Escape(Encoding.Latin1.GetString(r.Body), 300);
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"magic={r.Magic:x2} op={r.Opcode:x2} status={r.Status:x4} keylen={r.KeyLength} extlen={r.ExtrasLength} datatype={r.DataType} bodylen={bodyLength} opaque={r.Opaque:x8} cas={cas} body={body}");
    }

    private static int Ordinal(Dictionary<ulong, int> ordinals, ulong cas)
    {
        if (!ordinals.TryGetValue(cas, out int ordinal))
        {
            ordinal = ordinals.Count + 1;
            ordinals[cas] = ordinal;
        }

        return ordinal;
    }
}
