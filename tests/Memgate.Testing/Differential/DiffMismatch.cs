using System.Text;

namespace Memgate.Testing.Differential;

/// <summary>The first step where the two servers' normalised replies differ.</summary>
public sealed record DiffMismatch(
    DiffCase Case,
    int StepIndex,
    DiffStep Step,
    ServerProcess Reference,
    StepReply ReferenceReply,
    ServerProcess Candidate,
    StepReply CandidateReply)
{
    public string Describe(string? context = null)
    {
        var expected = ReferenceReply.Normalised;
        var actual = CandidateReply.Normalised;
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 120);
        var sb = new StringBuilder();
        sb.AppendLine($"Differential mismatch{(context is null ? "" : " (" + context + ")")} in case '{Case.Name}', step {StepIndex + 1}/{Case.Steps.Count} on connection {Step.Connection}");
        sb.AppendLine($"reference: {Reference}; candidate: {Candidate}; flags: {string.Join(' ', Reference.ExtraArguments)}");
        sb.AppendLine("sent:");
        sb.AppendLine(Escaping.Escape(Step.Template, 1500));
        if (expected == actual)
        {
            sb.AppendLine($"same bytes, but the connection ended differently: reference {ReferenceReply.End}, candidate {CandidateReply.End}");
        }
        else
        {
            sb.AppendLine($"first difference at normalised offset {at} (reference {ReferenceReply.End}, {ReferenceReply.RawLength} bytes; candidate {CandidateReply.End}, {CandidateReply.RawLength} bytes)");
            sb.AppendLine("reference from offset " + from + ":");
            sb.AppendLine(Escaping.Escape(Slice(expected, from), 600));
            sb.AppendLine("candidate from offset " + from + ":");
            sb.AppendLine(Escaping.Escape(Slice(actual, from), 600));
        }

        sb.AppendLine("--- candidate process ---");
        sb.AppendLine(Candidate.Process.Describe());
        return sb.ToString();
    }

    private static string Slice(string text, int from) => from >= text.Length ? "<end>" : text[from..Math.Min(text.Length, from + 600)];
}
