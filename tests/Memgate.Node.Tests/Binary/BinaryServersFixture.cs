using Memgate.Testing;

namespace Memgate.Node.Tests.Binary;

/// <summary>One reference memcached and one memgate node (default flags, so -B auto) for the binary differential cases.</summary>
public sealed class BinaryServersFixture : IAsyncLifetime
{
    public ServerProcess Reference { get; private set; } = null!;

    public ServerProcess Candidate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Reference = await ServerProcess.StartAsync(ServerKind.Memcached);
        Candidate = await ServerProcess.StartAsync(ServerKind.Memgate, "-u", "root");
    }

    public async Task DisposeAsync()
    {
        if (Candidate is not null)
        {
            await Candidate.DisposeAsync();
        }

        if (Reference is not null)
        {
            await Reference.DisposeAsync();
        }
    }
}
