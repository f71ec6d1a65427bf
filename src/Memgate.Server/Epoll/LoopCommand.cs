namespace Memgate.Server.Epoll;

/// <summary>What another thread asks a loop to do with one of its connections.</summary>
internal enum LoopCommandKind : byte
{
    /// <summary>A newly accepted connection: register it with this loop's epoll.</summary>
    Adopt,
    /// <summary>Close it (idle kick).</summary>
    Close,
    /// <summary>An off-loop ProcessAsync finished: re-register and carry on.</summary>
    Resume,
}

internal readonly record struct LoopCommand(EpollConnection Connection, LoopCommandKind Kind);
