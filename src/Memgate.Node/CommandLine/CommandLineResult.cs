namespace Memgate.Node.CommandLine;

/// <summary>
/// Outcome of parsing memcached's command line: settings to run with, or text to print and an exit code
/// (-h, -V, or a failure with memcached's exact stderr message and exit status).
/// </summary>
public sealed record CommandLineResult
{
    public NodeSettings? Settings { get; init; }
    public int ExitCode { get; init; }
    public string StandardOutput { get; init; } = "";
    public string StandardError { get; init; } = "";

    /// <summary>True when the node should start with <see cref="Settings"/>.</summary>
    public bool ShouldRun => Settings is not null;

    public static CommandLineResult Run(NodeSettings settings) => new() { Settings = settings };

    public static CommandLineResult Fail(int exitCode, string message) => new() { ExitCode = exitCode, StandardError = message };

    public static CommandLineResult Print(string text) => new() { StandardOutput = text };
}
