using Memgate.Testing;

namespace Memgate.Node.Tests;

/// <summary>
/// Theory data for tests that run against the node and, as a sanity check of the test itself,
/// against real memcached.
/// </summary>
public static class ServerUnderTest
{
    public static TheoryData<ServerKind> Both => new() { ServerKind.Memgate, ServerKind.Memcached };
}
