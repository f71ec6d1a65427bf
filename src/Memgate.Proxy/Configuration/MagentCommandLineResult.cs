namespace Memgate.Proxy.Configuration;

/// <summary>Outcome of <see cref="MagentCommandLine.Parse"/>.</summary>
/// <param name="Settings">The settings the flags describe (defaults where a flag was absent).</param>
/// <param name="Errors">Problems, each naming the flag; empty when the command line is usable.</param>
/// <param name="HelpRequested">True for <c>-h</c>: print <see cref="MagentCommandLine.Usage"/> and exit.</param>
public sealed record MagentCommandLineResult(ProxySettings Settings, IReadOnlyList<string> Errors, bool HelpRequested);
