namespace Memgate.Node;

/// <summary>Runs a memcached-compatible node until cancelled or shut down by a client (with -A).</summary>
public static class NodeHost
{
    /// <summary>Starts the node and returns the process exit code when it stops.</summary>
    public static async Task<int> RunAsync(NodeSettings settings, CancellationToken cancellationToken)
    {
        await using var server = NodeServer.Start(settings);
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(stopped.Task, server.ShutdownRequested).ConfigureAwait(false);
        }

        return 0;
    }
}
