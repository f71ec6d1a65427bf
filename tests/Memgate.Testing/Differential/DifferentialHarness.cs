namespace Memgate.Testing.Differential;

/// <summary>
/// Sends the same byte streams to a reference server (real memcached) and a candidate (memgate, or a
/// second memcached to validate the harness) and compares the normalised replies step by step.
/// </summary>
public sealed class DifferentialHarness
{
    public DifferentialHarness(ServerProcess reference, ServerProcess candidate)
    {
        Reference = reference;
        Candidate = candidate;
    }

    public ServerProcess Reference { get; }

    public ServerProcess Candidate { get; }

    /// <summary>Runs <paramref name="diffCase"/> on both servers; null when every step matched.</summary>
    public async Task<DiffMismatch?> RunAsync(DiffCase diffCase)
    {
        await using var reference = new DiffSession(Reference);
        await using var candidate = new DiffSession(Candidate);
        var steps = diffCase.FlushFirst
            ? [DiffStep.Parse(-1, "flush_all\r\n"), .. diffCase.Steps]
            : diffCase.Steps.ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var replies = await Task.WhenAll(reference.RunStepAsync(step), candidate.RunStepAsync(step));
            if (!replies[0].SameAs(replies[1]))
            {
                var index = diffCase.FlushFirst ? i - 1 : i;
                return new DiffMismatch(diffCase, index, step, Reference, replies[0], Candidate, replies[1]);
            }
        }

        return null;
    }

    /// <summary>Runs the case and throws <see cref="DiffMismatchException"/> describing the first difference.</summary>
    public async Task AssertSameAsync(DiffCase diffCase, string? context = null)
    {
        var mismatch = await RunAsync(diffCase);
        if (mismatch is not null)
        {
            throw new DiffMismatchException(mismatch.Describe(context));
        }
    }
}
