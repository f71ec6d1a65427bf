using Microsoft.Win32.SafeHandles;

namespace Memgate.Server.Epoll;

/// <summary>
/// An eventfd that other threads write to wake a loop blocked in epoll_wait (new connection handed over, idle kick,
/// shutdown). Held in a SafeHandle because those writers may race with disposal: a closed handle throws instead of
/// writing into whatever descriptor reused the number.
/// </summary>
internal sealed unsafe class EpollWakeup : IDisposable
{
    private readonly SafeFileHandle _handle;

    public EpollWakeup()
    {
        int fd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"eventfd failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        _handle = new SafeFileHandle(fd, ownsHandle: true);
        Fd = fd;
    }

    /// <summary>The descriptor to register with epoll (valid until disposed).</summary>
    public int Fd { get; }

    public void Signal()
    {
        ulong one = 1;
        try
        {
            // A full counter (EAGAIN) still leaves the eventfd readable, which is all a wake-up needs.
            _ = LibC.write(_handle, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The loop is gone; nothing left to wake.
        }
    }

    /// <summary>Clears the readable state; called by the loop before it looks at its command queue.</summary>
    public void Reset()
    {
        ulong value;
        _ = LibC.read(_handle, (byte*)&value, sizeof(ulong));
    }

    public void Dispose() => _handle.Dispose();
}
