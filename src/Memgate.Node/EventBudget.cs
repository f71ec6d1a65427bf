using Memgate.Server;

namespace Memgate.Node;

/// <summary>
/// memcached's fairness rule for one receive batch (-R, reqs_per_event): after that many requests a connection
/// yields so others get served (counted in conn_yields); it also yields when enough output is queued to send.
/// </summary>
internal struct EventBudget(NodeContext node)
{
    /// <summary>Above this much queued output a session yields so the loop can send.</summary>
    public const int OutputHighWater = 256 * 1024;

    private int _requests;

    /// <summary>Counts one request of this batch.</summary>
    public void Count() => _requests++;

    /// <summary>True when the session should return <see cref="ProcessOutcome.Yield"/> before the next request.</summary>
    public readonly bool ShouldYield(OutputBuffer output)
    {
        if (_requests >= node.Settings.ReqsPerEvent)
        {
            Interlocked.Increment(ref node.ServerStatistics.ConnYields);
            return true;
        }

        return output.Length >= OutputHighWater;
    }
}
