using Memgate.Node.Auth;

namespace Memgate.Node;

/// <summary>Runs a memcached-compatible node until cancelled or shut down by a client (with -A).</summary>
public static class NodeHost
{
    /// <summary>Starts the node and returns the process exit code when it stops.</summary>
    public static Task<int> RunAsync(NodeSettings settings, CancellationToken cancellationToken)
        => RunAsync(settings, authenticator: null, cancellationToken);

    /// <summary>Starts the node with an already loaded -Y authfile and returns the process exit code when it stops.</summary>
    public static async Task<int> RunAsync(NodeSettings settings, AsciiAuthenticator? authenticator, CancellationToken cancellationToken)
    {
        await using var server = NodeServer.Start(settings, authenticator);
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(stopped.Task, server.ShutdownRequested).ConfigureAwait(false);
        }

        return 0;
    }
}
