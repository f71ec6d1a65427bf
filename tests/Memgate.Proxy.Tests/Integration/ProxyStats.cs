using System.Diagnostics;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>Reading and waiting on the proxy's own <c>stats</c> replies in fault tests.</summary>
internal static class ProxyStats
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>The <c>stats backends</c> line of the backend at <paramref name="address"/>.</summary>
    public static string BackendLine(string backends, string address) =>
        backends.Split("\r\n").Single(l => l.StartsWith($"STAT {address} ", StringComparison.Ordinal));

    /// <summary>Repeats <paramref name="request"/> until its reply satisfies <paramref name="done"/> (15 s at most).</summary>
    public static Task WaitForAsync(RawClient client, string request, Func<string, bool> done) =>
        EventuallyAsync(() => client.EndAsync(request), done);

    /// <summary>Repeats <paramref name="read"/> until its result satisfies <paramref name="done"/> (15 s at most); returns it.</summary>
    public static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        string last;
        do
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < Bound);

        Assert.Fail($"not reached within {Bound.TotalSeconds} s; last reply: {last}");
        return last;
    }
}
