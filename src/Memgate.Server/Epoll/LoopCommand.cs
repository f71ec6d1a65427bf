namespace Memgate.Server.Epoll;

/// <summary>What another thread asks a loop to do.</summary>
internal enum LoopCommandKind : byte
{
    /// <summary>A newly accepted connection: register it with this loop's epoll.</summary>
    Adopt,
    /// <summary>Close it (idle kick).</summary>
    Close,
    /// <summary>A session's ProcessAsync finished on another thread: carry on, on the loop.</summary>
    Resume,
    /// <summary>Run <see cref="LoopCommand.Action"/> (posted through <see cref="LoopScheduler.Post"/>).</summary>
    Run,
}

internal readonly record struct LoopCommand(EpollConnection? Connection, LoopCommandKind Kind, Action<object?>? Action = null, object? State = null);
