using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>The node reports the same stats field names as memcached (values differ legitimately and are not compared).</summary>
[Collection(DifferentialCollection.Name)]
public sealed class StatsFieldNamesMatchMemcachedTests(DifferentialServersFixture servers)
{
    [ToolTheory(Tool.Memcached)]
    [InlineData("")]
    [InlineData("settings")]
    [InlineData("items")]
    [InlineData("slabs")]
    [InlineData("conns")]
    public async Task Stats_field_names_match_memcached(string subcommand)
    {
        var harness = servers.Harness;
        await harness.AssertSameAsync(new DiffCase("store one small item").Send("set statskey 0 0 5\r\nvalue\r\n"));

        var expected = await StatsNames.ReadAsync(harness.Reference, subcommand);
        var actual = await StatsNames.ReadAsync(harness.Candidate, subcommand);
        if (subcommand == "conns")
        {
            // Per-connection lines are "<fd>:<field>"; fds differ, field names must not.
            expected = expected.Select(n => n[(n.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct().ToArray();
            actual = actual.Select(n => n[(n.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct().ToArray();
        }

        else if (subcommand is "items" or "slabs")
        {
            // The engine sizes its classes for its smaller item header, so class ids and counts legitimately
            // differ (docs/NODE.md); every per-class field and every total must still be there.
            expected = WithoutClassIds(expected);
            actual = WithoutClassIds(actual);
        }

        var missing = expected.Except(actual).ToArray();
        var extra = actual.Except(expected).ToArray();
        Assert.True(
            missing.Length == 0 && extra.Length == 0,
            $"stats {subcommand}: missing [{string.Join(' ', missing)}], extra [{string.Join(' ', extra)}]");
    }

    private static string[] WithoutClassIds(IEnumerable<string> names)
        => names.Select(n => System.Text.RegularExpressions.Regex.Replace(n, "^(items:)?[0-9]+:", "$1*:")).Distinct().ToArray();
}
