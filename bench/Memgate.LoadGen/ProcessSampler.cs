using System.Globalization;

namespace Memgate.LoadGen;

/// <summary>Reads CPU time (utime+stime from /proc/&lt;pid&gt;/stat) and RSS (VmRSS) of other processes.</summary>
internal static class ProcessSampler
{
    /// <summary>Sum of utime+stime in clock ticks over <paramref name="pids"/>; -1 when any cannot be read.</summary>
    public static long CpuTicks(IReadOnlyList<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // comm may contain spaces and parentheses: the fields we want follow the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[0] is field 3 (state); utime is field 14, stime field 15.
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return -1;
            }
        }

        return total;
    }

    /// <summary>Sum of VmRSS in KiB over <paramref name="pids"/>; -1 when any cannot be read.</summary>
    public static long RssKiB(IReadOnlyList<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is null)
                {
                    return -1;
                }

                total += long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return -1;
            }
        }

        return total;
    }

    /// <summary>Busy clock ticks of the whole machine (all cores) from /proc/stat: everything but idle and iowait.</summary>
    public static long MachineBusyTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal (guest time is already inside user).
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                if (i is not (4 or 5))
                {
                    busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }
            }

            return busy;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
