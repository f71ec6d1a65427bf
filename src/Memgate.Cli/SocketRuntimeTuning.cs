namespace Memgate.Cli;

/// <summary>
/// Runtime knobs for a server process, applied before the first socket exists (the socket engine reads them once).
/// </summary>
/// <remarks>
/// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 runs socket continuations on the epoll threads instead of queueing
/// each readiness event to the thread pool. The node's sessions complete synchronously and never block, so the
/// connection loop (receive → process → send) runs entirely on the epoll thread: one fewer thread hop and no
/// thread-pool spinning per batch, which matters most on 2-core machines. The price — a blocking session would stall
/// every socket on that epoll thread — is why the proxy (which awaits backends) does not get it by default.
/// A value the operator already set always wins.
/// </remarks>
public static class SocketRuntimeTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void ApplyForNode()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
