namespace Memgate.Node.Auth;

/// <summary>
/// Reads a -Y authfile exactly as memcached 1.6.18's authfile_load does, quirks included, so that a file memcached
/// accepts is accepted here with the same entries, and a file it rejects is rejected: lines are read with fgets into
/// a buffer of the file's size, each line overwriting the previous line's terminator. That is why a one-line file
/// ending in "\r\n" is malformed and a one-line file without a newline loses its last character.
/// </summary>
public static class AuthFile
{
    private const int MaxEntryLength = 256;
    private const int MaxEntries = 8;

    /// <summary>Loads <paramref name="path"/>; throws <see cref="AuthFileException"/> with memcached's message.</summary>
    public static AuthCredentials Load(string path)
    {
        if (Directory.Exists(path))
        {
            // fopen() of a directory succeeds and the first fgets() fails, so memcached runs with no users.
            return new AuthCredentials([]);
        }

        byte[] file;
        try
        {
            file = path.Length == 0 ? throw new FileNotFoundException() : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string error = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                PathTooLongException => "File name too long",
                _ => ex.Message,
            };

            // vperror() appends ": strerror(errno)" to the formatted text that already holds strerror(errno).
            throw new AuthFileException($"Could not open authfile [{path}] for reading, error {error}: {error}\n", ex);
        }

        return Parse(file) ?? throw new AuthFileException($"Authfile [{path}] has a malformed entry. Should be 'user:password'");
    }

    /// <summary>The entries of a file's bytes, or null when memcached calls it malformed.</summary>
    public static AuthCredentials? Parse(ReadOnlySpan<byte> file)
    {
        // calloc(st_size + 1): lines are read into this buffer, at most up to its last byte.
        var buffer = new byte[file.Length + 1];
        int current = 0;
        int end = file.Length;
        int filePosition = 0;
        var entries = new List<(byte[] User, byte[] Password)>();
        while (FileGets(file, ref filePosition, buffer, current, Math.Min(end - current, MaxEntryLength)))
        {
            int userLength = -1;
            int x;
            for (x = 0; x < MaxEntryLength; x++)
            {
                byte b = buffer[current + x];
                if (userLength < 0)
                {
                    if (b == 0)
                    {
                        break;
                    }

                    if (b == (byte)':')
                    {
                        userLength = x;
                    }
                }
                else if (b is (byte)'\n' or (byte)'\r' or 0)
                {
                    break;
                }
            }

            if (userLength < 0)
            {
                return null;
            }

            var line = buffer.AsSpan(current);
            entries.Add((line[..userLength].ToArray(), line[(userLength + 1)..x].ToArray()));

            // More entries than memcached keeps, and everything after them, are silently ignored.
            if (entries.Count == MaxEntries || buffer[current + x] == 0)
            {
                break;
            }

            current += x;
        }

        return new AuthCredentials([.. entries]);
    }

    /// <summary>
    /// glibc's fgets(buffer + offset, size, file): no read for size ≤ 0 (returns NULL) or size 1 (stores an empty
    /// string and succeeds); otherwise up to size − 1 bytes, through the first newline, then a NUL.
    /// </summary>
    private static bool FileGets(ReadOnlySpan<byte> file, ref int position, byte[] buffer, int offset, int size)
    {
        if (size <= 0)
        {
            return false;
        }

        int count = 0;
        while (count < size - 1 && position < file.Length)
        {
            byte b = file[position++];
            buffer[offset + count++] = b;
            if (b == (byte)'\n')
            {
                break;
            }
        }

        if (count == 0 && size > 1)
        {
            return false;
        }

        buffer[offset + count] = 0;
        return true;
    }
}
