using Memgate.Testing;

namespace Memgate.Node.Tests.Binary;

/// <summary>Each case's byte stream gets the same replies (CAS and version normalised) from memgate as from memcached 1.6.18.</summary>
[Collection(BinaryDifferentialCollection.Name)]
public sealed class BinaryProtocolMatchesMemcachedTests
{
    private readonly BinaryServersFixture _servers;

    public BinaryProtocolMatchesMemcachedTests(BinaryServersFixture servers) => _servers = servers;

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public async Task Replies_match_memcached(string name)
    {
        var binaryCase = BinaryCases.Named(name);
        var expected = await BinaryExchange.RunAsync(_servers.Reference, binaryCase);
        var actual = await BinaryExchange.RunAsync(_servers.Candidate, binaryCase);
        Assert.True(expected.SequenceEqual(actual), Describe(name, expected, actual));
    }

    /// <summary>The first difference with a little context (stat replies run to a hundred lines).</summary>
    private static string Describe(string name, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        int first = 0;
        while (first < expected.Count && first < actual.Count && expected[first] == actual[first])
        {
            first++;
        }

        int from = Math.Max(0, first - 3);
        string Window(IReadOnlyList<string> lines) => string.Join('\n', lines.Skip(from).Take(first - from + 8));
        return $"case {name}: first difference at reply line {first}\n--- memcached ---\n{Window(expected)}\n--- memgate ---\n{Window(actual)}";
    }
}
