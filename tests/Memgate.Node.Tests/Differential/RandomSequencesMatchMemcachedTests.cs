using System.Globalization;
using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>
/// Thousands of seeded random command sequences get the same replies from the node and memcached.
/// Reproduce a failure with MEMGATE_DIFF_SEED=&lt;seed&gt; (the seed is in the failure message);
/// MEMGATE_DIFF_SEQUENCES changes how many sequences each seed runs.
/// </summary>
public sealed class RandomSequencesMatchMemcachedTests(QuietServersFixture servers) : IClassFixture<QuietServersFixture>
{
    public const int DefaultSequencesPerSeed = 1500;

    [ToolTheory(Tool.Memcached)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_sequences_get_the_same_replies(int seed)
    {
        var chosen = Environment.GetEnvironmentVariable("MEMGATE_DIFF_SEED");
        if (chosen is not null)
        {
            seed = int.Parse(chosen, CultureInfo.InvariantCulture);
        }

        await RunAsync(servers.Harness, seed, SequencesPerSeed());
    }

    public static int SequencesPerSeed()
    {
        var configured = Environment.GetEnvironmentVariable("MEMGATE_DIFF_SEQUENCES");
        return configured is null ? DefaultSequencesPerSeed : int.Parse(configured, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="count"/> sequences of <paramref name="seed"/>, failing at the first difference.</summary>
    public static async Task RunAsync(DifferentialHarness harness, int seed, int count)
    {
        var generator = new RandomSequenceGenerator(seed);
        for (var i = 0; i < count; i++)
        {
            await harness.AssertSameAsync(generator.Next(), $"seed {seed}, sequence {i} of {count}; rerun with MEMGATE_DIFF_SEED={seed}");
        }
    }
}
