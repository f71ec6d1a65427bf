namespace Memgate.Testing.Differential;

/// <summary>One server's normalised reply to a step, and how the read ended.</summary>
public sealed record StepReply(string Normalised, ReadEnd End, int RawLength)
{
    /// <summary>Closing the connection is a behaviour too: it takes part in the comparison.</summary>
    public bool Closed => End == ReadEnd.Closed;

    public bool SameAs(StepReply other) => Normalised == other.Normalised && Closed == other.Closed;
}
