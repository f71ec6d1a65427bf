using System.Security.Cryptography;

namespace Memgate.Node.Auth;

/// <summary>The user:password entries of one load of the -Y authfile (memcached keeps at most 8).</summary>
public sealed class AuthCredentials
{
    private readonly (byte[] User, byte[] Password)[] _entries;

    internal AuthCredentials((byte[] User, byte[] Password)[] entries)
    {
        _entries = entries;
    }

    /// <summary>Number of entries loaded.</summary>
    public int Count => _entries.Length;

    /// <summary>True when some entry has exactly these bytes as user and password.</summary>
    public bool Check(ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        foreach (var (entryUser, entryPassword) in _entries)
        {
            // Lengths first, then constant-time compares, as memcached's authfile_check (safe_memcmp) does.
            if (user.Length == entryUser.Length && password.Length == entryPassword.Length
                && CryptographicOperations.FixedTimeEquals(user, entryUser)
                && CryptographicOperations.FixedTimeEquals(password, entryPassword))
            {
                return true;
            }
        }

        return false;
    }
}
