namespace Memgate.Node.Auth;

/// <summary>
/// The node-wide side of -Y: the authfile's current entries. memcached reloads the file on SIGHUP and keeps the
/// old entries when the new file cannot be read or is malformed; <see cref="Reload"/> does the same.
/// </summary>
public sealed class AsciiAuthenticator
{
    private AuthCredentials _credentials;

    public AsciiAuthenticator(string path, AuthCredentials credentials)
    {
        Path = path;
        _credentials = credentials;
    }

    /// <summary>The -Y file.</summary>
    public string Path { get; }

    /// <summary>The entries connections authenticate against.</summary>
    public AuthCredentials Credentials => Volatile.Read(ref _credentials);

    /// <summary>Loads <paramref name="path"/>; throws <see cref="AuthFileException"/> with memcached's message.</summary>
    public static AsciiAuthenticator Load(string path) => new(path, AuthFile.Load(path));

    /// <summary>Re-reads the file; false (old entries kept) when it cannot be used.</summary>
    public bool Reload()
    {
        try
        {
            Volatile.Write(ref _credentials, AuthFile.Load(Path));
            return true;
        }
        catch (AuthFileException)
        {
            return false;
        }
    }
}
