using Memgate.Node.CommandLine;

namespace Memgate.Node.Auth;

/// <summary>The -Y authfile cannot be used; <see cref="Exception.Message"/> is memcached's stderr text.</summary>
public sealed class AuthFileException : Exception
{
    public AuthFileException(string message)
        : base(message)
    {
    }

    public AuthFileException()
    {
    }

    public AuthFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>memcached exits with EXIT_FAILURE for every authfile problem.</summary>
    public int ExitCode => ExitCodes.Failure;
}
