namespace Memgate.Node;

/// <summary>Runs a memcached-compatible node: engine + listener + sessions, until cancelled or shut down.</summary>
public static class NodeHost
{
    /// <summary>Starts the node, prints nothing unless verbose, and returns the process exit code when it stops.</summary>
    public static Task<int> RunAsync(NodeSettings settings, CancellationToken cancellationToken)
        => throw new NotImplementedException();
}
