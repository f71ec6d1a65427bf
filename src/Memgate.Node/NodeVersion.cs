namespace Memgate.Node;

/// <summary>
/// The version memgate reports. Clients, exporters and memcached's own test suite parse the memcached version
/// ("VERSION 1.6.18", "STAT version 1.6.18") to pick features, so the protocol reports exactly the memcached
/// release whose behaviour the node reproduces; memgate's own version appears only in human-facing output.
/// </summary>
public static class NodeVersion
{
    /// <summary>What the `version` command and `stats` report.</summary>
    public const string Number = "1.6.18";

    /// <summary>memgate's own release.</summary>
    public const string MemgateVersion = "0.1.0";

    /// <summary>The `-V` line.</summary>
    public const string VersionLine = "memcached " + Number + " (memgate " + MemgateVersion + ")";
}
