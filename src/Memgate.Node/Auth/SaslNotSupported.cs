namespace Memgate.Node.Auth;

/// <summary>
/// memcached's -S takes its mechanisms and users from libsasl2 (Debian's build has no built-in password database),
/// which memgate does not reproduce. A node asked for SASL refuses to start rather than serve without authentication.
/// </summary>
public static class SaslNotSupported
{
    public const string Message = "memgate: -S (SASL) is not supported; use -Y for ASCII authentication\n";

    /// <summary>memcached's exit code when SASL cannot be initialised.</summary>
    public const int ExitCode = 1;
}
