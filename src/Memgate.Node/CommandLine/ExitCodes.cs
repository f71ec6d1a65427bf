namespace Memgate.Node.CommandLine;

/// <summary>The sysexits.h codes memcached exits with.</summary>
public static class ExitCodes
{
    public const int Failure = 1;
    public const int Usage = 64;
    public const int NoUser = 67;
    public const int OsError = 71;
}
