using System.Runtime.InteropServices;

namespace Memgate.Cli;

/// <summary>memcached's root handling: refuse to run as root without -u, otherwise switch to that user (setgroups, setgid, setuid).</summary>
public static partial class UnixUser
{
    /// <summary>Returns null when the process may go on, else memcached's message and exit code.</summary>
    public static (string Message, int ExitCode)? DropPrivileges(string? user)
    {
        if (!OperatingSystem.IsLinux() || (getuid() != 0 && geteuid() != 0))
        {
            return null;
        }

        if (string.IsNullOrEmpty(user))
        {
            return ("can't run as root without the -u switch\n", 64);
        }

        nint passwd = getpwnam(user);
        if (passwd == 0)
        {
            return ($"can't find the user {user} to switch to\n", 67);
        }

        // struct passwd on 64-bit Linux: pw_name, pw_passwd (pointers), then uid_t pw_uid, gid_t pw_gid.
        uint uid = (uint)Marshal.ReadInt32(passwd, 2 * IntPtr.Size);
        uint gid = (uint)Marshal.ReadInt32(passwd, (2 * IntPtr.Size) + 4);
        if (uid == 0)
        {
            return null;
        }

        if (setgroups(0, 0) < 0)
        {
            return ("setgroups: Operation not permitted\n", 71);
        }

        // glibc applies setgid/setuid to every thread of the process (the runtime's threads included).
        if (setgid(gid) < 0 || setuid(uid) < 0)
        {
            return ($"failed to assume identity of user {user}\n", 71);
        }

        return null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial uint getuid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial uint geteuid();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getpwnam(string name);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgroups(nuint size, nint list);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgid(uint gid);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setuid(uint uid);
}
