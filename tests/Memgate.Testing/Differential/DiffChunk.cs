namespace Memgate.Testing.Differential;

/// <summary>Part of a step's byte stream (a template, see <see cref="CasPlaceholders"/>) and a pause after sending it.</summary>
public sealed record DiffChunk(string Template, TimeSpan PauseAfter);
