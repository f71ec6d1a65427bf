using System.Text;
using Memgate.Testing;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>
/// Proves the differential harness itself: two memcached processes must compare equal on every case
/// (so the normalisation hides only legitimate differences), and a real difference must be reported.
/// </summary>
public sealed class HarnessSelfTests : IAsyncLifetime
{
    private ServerProcess? _first;
    private ServerProcess? _second;

    public async Task InitializeAsync()
    {
        if (ToolAvailability.IsAvailable(Tool.Memcached))
        {
            // Same flags as the random suite's servers (see QuietServersFixture for why).
            _first = await MemcachedProcess.StartAsync("-o", "no_lru_maintainer,no_lru_crawler");
            _second = await MemcachedProcess.StartAsync("-o", "no_lru_maintainer,no_lru_crawler");
        }
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    [ToolFact(Tool.Memcached)]
    public async Task Two_memcached_processes_agree_on_every_hand_written_case()
    {
        var harness = Harness();
        var failures = new List<string>();
        foreach (var diffCase in CaseBook.All())
        {
            var mismatch = await harness.RunAsync(diffCase);
            if (mismatch is not null)
            {
                failures.Add(mismatch.Describe("memcached vs memcached"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [ToolFact(Tool.Memcached)]
    public Task Two_memcached_processes_agree_on_random_sequences()
        => RandomSequencesMatchMemcachedTests.RunAsync(Harness(), seed: 1000, count: 300);

    [ToolFact(Tool.Memcached)]
    public async Task A_real_difference_is_reported_with_the_step_and_both_replies()
    {
        await using var withoutCas = await MemcachedProcess.StartAsync("-C");
        var harness = new DifferentialHarness(_first!, withoutCas);
        var mismatch = await harness.RunAsync(new DiffCase("gets shows cas").WithoutFlush().Send("set k 0 0 1\r\na\r\n").Send("gets k\r\n"));

        Assert.NotNull(mismatch);
        Assert.Equal(1, mismatch.StepIndex);
        Assert.Contains("VALUE k 0 1 #1", mismatch.ReferenceReply.Normalised, StringComparison.Ordinal);
        Assert.Contains("VALUE k 0 1 0", mismatch.CandidateReply.Normalised, StringComparison.Ordinal);
        Assert.Contains("gets k", mismatch.Describe(), StringComparison.Ordinal);
    }

    [ToolFact(Tool.Memcached)]
    public async Task A_closed_connection_differs_from_an_open_one()
    {
        var harness = Harness();
        await using var client = await _second!.ConnectAsync();
        var reference = new DiffSession(_first!);
        var step = DiffStep.Parse(0, "quit\r\n");
        var closed = await reference.RunStepAsync(step);
        await reference.DisposeAsync();

        Assert.True(closed.Closed);
        Assert.False(closed.SameAs(new StepReply(closed.Normalised, ReadEnd.Complete, closed.RawLength)));
        Assert.Null(await harness.RunAsync(new DiffCase("quit").Send("quit\r\n")));
    }

    [Fact]
    public void Normaliser_maps_cas_values_to_ordinals_in_order_of_first_appearance()
    {
        var table = new CasTable();
        var reply = Encoding.Latin1.GetBytes("VALUE a 0 1 907\r\nx\r\nVALUE b 0 1 55\r\ny\r\nEND\r\nHD c55 t991 l1\r\nME a exp=-1 la=3 cas=907 fetch=no cls=1 size=60\r\nVERSION 1.6.18\r\nSTAT pid 42\r\nSTAT cmd_get 3\r\n");

        var normalised = ReplyNormaliser.Normalise(reply, table);

        Assert.Equal(
            "VALUE a 0 1 #1\r\nx\r\nVALUE b 0 1 #2\r\ny\r\nEND\r\nHD c#2 t~1000 l~0\r\nME a exp=-1 la=~0 cas=#1 fetch=no cls=1 size=60\r\nVERSION <version>\r\nSTAT pid <volatile>\r\nSTAT cmd_get 3\r\n",
            normalised);
        Assert.Equal(907UL, table.Resolve(1));
        Assert.Equal(CasTable.UnknownCas + 9, table.Resolve(9));
    }

    [Fact]
    public void Normaliser_leaves_data_blocks_untouched()
    {
        var reply = Encoding.Latin1.GetBytes("VA 12 c9\r\nVALUE x 0 1 5\r\nVA 3 c1\r\nEND\r\n");

        Assert.Equal("VA 12 c#1\r\nVALUE x 0 1 5\r\nVA 3 c#2\r\nEND\r\n", ReplyNormaliser.Normalise(reply, new CasTable()));
    }

    [Fact]
    public void Normaliser_compares_space_padded_counters_as_numbers()
    {
        var reply = Encoding.Latin1.GetBytes("VALUE n 0 3\r\n9  \r\nVA 2 c5\r\n7 \r\nVALUE s 0 3\r\na  \r\n");

        Assert.Equal("VALUE n 0 1\r\n9\r\nVA 1 c#1\r\n7\r\nVALUE s 0 3\r\na  \r\n", ReplyNormaliser.Normalise(reply, new CasTable()));
    }

    [Fact]
    public void Framer_does_not_stop_at_MN_inside_a_value()
    {
        var reply = Encoding.Latin1.GetBytes("VALUE k 0 2\r\nMN\r\nEND\r\nVA 4\r\nMN\r\n\r\nMN\r\n");

        Assert.Equal(-1, ReplyFramer.CompleteLength(reply.AsSpan(0, 20), 1));
        Assert.Equal(reply.Length, ReplyFramer.CompleteLength(reply, 1));
    }

    [Fact]
    public void Framer_waits_for_the_expected_number_of_MN_lines()
    {
        var reply = Encoding.Latin1.GetBytes("MN\r\nEN\r\nMN\r\n");

        Assert.Equal(4, ReplyFramer.CompleteLength(reply, 1));
        Assert.Equal(reply.Length, ReplyFramer.CompleteLength(reply, 2));
        Assert.Equal(-1, ReplyFramer.CompleteLength(reply, 3));
    }

    [Fact]
    public void Random_generator_is_deterministic_for_a_seed()
    {
        string Render(int seed)
        {
            var generator = new RandomSequenceGenerator(seed);
            return string.Join("|", Enumerable.Range(0, 50).SelectMany(_ => generator.Next().Steps).Select(s => s.Template));
        }

        Assert.Equal(Render(7), Render(7));
        Assert.NotEqual(Render(7), Render(8));
    }

    private DifferentialHarness Harness() => new(_first!, _second!);
}
