namespace Memgate.Node.CommandLine;

/// <summary>An -l entry that cannot be resolved; <see cref="Exception.Message"/> is memcached's stderr text, exit with <see cref="ExitCode"/>.</summary>
public sealed class ListenAddressException : Exception
{
    public ListenAddressException(string message)
        : base(message)
    {
    }

    public ListenAddressException()
    {
    }

    public ListenAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode => ExitCodes.OsError;
}
