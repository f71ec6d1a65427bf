using System.Buffers.Text;

namespace Memgate.Proxy.Health;

/// <summary>
/// Who a backend process is, read from its <c>stats</c>: <c>pid</c>, <c>uptime</c> and <c>time</c>
/// (memcached and the memgate node both report them), plus <c>curr_items</c> to tell an empty node.
/// <see cref="BootTime"/> (<c>time - uptime</c>) is the same for the whole life of a process on
/// both servers, so a restart shows even when the new process got the old pid (containers).
/// </summary>
public readonly record struct BackendIdentity(long Pid, long Uptime, long Time, long CurrItems)
{
    /// <summary>Unix time the process started (as the backend's own clock says).</summary>
    public long BootTime => Time - Uptime;

    /// <summary>Reads the identity fields out of a <c>stats</c> reply; false when <c>pid</c> or <c>uptime</c> is missing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> stats, out BackendIdentity identity)
    {
        long pid = -1;
        long uptime = -1;
        long time = 0;
        long items = -1;
        while (!stats.IsEmpty)
        {
            int end = stats.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = end < 0 ? stats : stats[..end];
            stats = end < 0 ? default : stats[(end + 2)..];
            if (!line.StartsWith("STAT "u8))
            {
                continue;
            }

            line = line[5..];
            int space = line.IndexOf((byte)' ');
            if (space < 0 || !Utf8Parser.TryParse(line[(space + 1)..], out long value, out _))
            {
                continue;
            }

            ReadOnlySpan<byte> name = line[..space];
            if (name.SequenceEqual("pid"u8))
            {
                pid = value;
            }
            else if (name.SequenceEqual("uptime"u8))
            {
                uptime = value;
            }
            else if (name.SequenceEqual("time"u8))
            {
                time = value;
            }
            else if (name.SequenceEqual("curr_items"u8))
            {
                items = value;
            }
        }

        identity = new BackendIdentity(pid, uptime, time, items);
        return pid >= 0 && uptime >= 0;
    }
}
