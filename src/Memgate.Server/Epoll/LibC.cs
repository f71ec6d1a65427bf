using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// The few libc calls the epoll transport needs. Plain ints for descriptors on the per-request path (recv, send,
/// epoll_wait run only on the loop thread that owns the descriptor, so there is no close/reuse race to guard);
/// a SafeHandle only for the eventfd, which other threads write to.
/// </summary>
internal static unsafe partial class LibC
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int EMFILE = 24;
    public const int ENFILE = 23;
    public const int ENOBUFS = 105;
    public const int ENOMEM = 12;

    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;
    public const int MSG_NOSIGNAL = 0x4000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    /// <param name="ev">A struct epoll_event laid out by <see cref="EpollEventLayout"/>.</param>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, void* address, void* addressLength, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(SafeHandle fd, byte* buffer, nint count);
}
