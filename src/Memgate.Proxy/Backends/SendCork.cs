namespace Memgate.Proxy.Backends;

/// <summary>
/// Holds back backend sends made on this thread until <see cref="End"/>, so every request a client
/// batch sends to one backend connection leaves in one system call (a pipelining client's 16 gets
/// become one backend write, not 16). Outside a cork a request is written by its caller at once.
/// </summary>
/// <remarks>
/// Thread-static because routes issue their sends synchronously inside the session's dispatch loop;
/// the session must call <see cref="End"/> before it awaits anything (a continuation may resume on
/// another thread). Nesting is allowed: a continuation run inline by a flush may cork its own sends.
/// </remarks>
internal static class SendCork
{
    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static BackendConnection[]? t_deferred;

    [ThreadStatic]
    private static int t_count;

    /// <summary>True while sends on this thread are held back.</summary>
    public static bool IsActive => t_depth > 0;

    /// <summary>Starts holding back sends on this thread.</summary>
    public static void Begin() => t_depth++;

    /// <summary>Remembers a connection with bytes to send when the cork ends.</summary>
    public static void Defer(BackendConnection connection)
    {
        BackendConnection[] deferred = t_deferred ??= new BackendConnection[8];
        for (int i = 0; i < t_count; i++)
        {
            if (ReferenceEquals(deferred[i], connection))
            {
                return;
            }
        }

        if (t_count == deferred.Length)
        {
            Array.Resize(ref t_deferred, deferred.Length * 2);
            deferred = t_deferred;
        }

        deferred[t_count++] = connection;
    }

    /// <summary>Ends the cork; the outermost end writes every deferred connection's batch.</summary>
    public static void End()
    {
        if (--t_depth > 0)
        {
            return;
        }

        // Popped one at a time: a flush may run continuations that defer (or flush) more on this thread.
        while (t_count > 0)
        {
            BackendConnection connection = t_deferred![--t_count];
            t_deferred[t_count] = null!;
            connection.Flush();
        }
    }
}
