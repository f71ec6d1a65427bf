namespace Memgate.Server;

/// <summary>What a session may know about its connection.</summary>
public sealed class ConnectionContext
{
    /// <summary>The context of an accepted client; <paramref name="unixSocketPath"/> is non-null for unix-socket clients.</summary>
    public static ConnectionContext ForAccepted(System.Net.Sockets.Socket client, long id, string? unixSocketPath)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ConnectionContext
        {
            Id = id,
            RemoteAddress = unixSocketPath ?? client.RemoteEndPoint?.ToString() ?? "",
            LocalAddress = unixSocketPath ?? client.LocalEndPoint?.ToString() ?? "",
            IsUnixSocket = unixSocketPath is not null,
        };
    }

    public required long Id { get; init; }
    public required string RemoteAddress { get; init; }
    public required string LocalAddress { get; init; }
    public required bool IsUnixSocket { get; init; }

    /// <summary>Relative seconds (server clock) of the last command, for "stats conns".</summary>
    public long LastCommandTime { get; set; }

    /// <summary>Connection state name for "stats conns" (conn_read, conn_parse_cmd, ...).</summary>
    public string State { get; set; } = "conn_new_cmd";
}
