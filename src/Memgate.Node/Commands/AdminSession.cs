namespace Memgate.Node.Commands;

/// <summary>
/// What admin commands leave behind on a connection: a metadump still being written, or the connection having become a
/// log watcher (memcached hands both to a background thread and stops reading commands from a watcher).
/// </summary>
internal sealed class AdminSession
{
    public MetadumpStream Metadump { get; } = new();

    /// <summary>The connection answered "watch" with OK: it no longer takes commands.</summary>
    public bool Watching { get; set; }
}
