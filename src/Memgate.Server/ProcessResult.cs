namespace Memgate.Server;

/// <summary>What the connection loop does after a session processed input.</summary>
public enum ProcessOutcome : byte
{
    /// <summary>Everything complete was consumed; receive more (the rest of the input is an incomplete request).</summary>
    NeedMoreInput,
    /// <summary>The session stopped early (reqs-per-event or output limit): send the output, then call again without receiving.</summary>
    Yield,
    /// <summary>Send the output, then close the connection.</summary>
    Close,
}

/// <param name="Consumed">Input bytes that may be discarded.</param>
/// <param name="Outcome">What to do next.</param>
/// <param name="MinimumInput">With <see cref="ProcessOutcome.NeedMoreInput"/>: total bytes the pending request needs (0 = unknown), so the buffer can grow once.</param>
public readonly record struct ProcessResult(int Consumed, ProcessOutcome Outcome, int MinimumInput = 0);
