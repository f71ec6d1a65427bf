namespace Memgate.Cli;

/// <summary>
/// Runtime knobs for a server process, applied before the first socket exists (the socket engine reads them once).
/// </summary>
/// <remarks>
/// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 runs socket continuations on the epoll threads instead of queueing
/// each readiness event to the thread pool. The node's sessions complete synchronously and never block, so the
/// connection loop (receive → process → send) runs entirely on the epoll thread: one fewer thread hop and no
/// thread-pool spinning per batch, which matters most on 2-core machines. The price — a blocking session would stall
/// every socket on that epoll thread — is acceptable for the proxy too: its sessions await backends but never block
/// a thread, and a backend reply resumes the route, the session and the client's send on the epoll thread that
/// read it (measured in docs/PERFORMANCE.md, "Proxy: CPU per request"). A value the operator already set always wins.
/// </remarks>
public static class SocketRuntimeTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void ApplyForNode() => EnableInlineCompletions();

    public static void ApplyForProxy() => EnableInlineCompletions();

    private static void EnableInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
