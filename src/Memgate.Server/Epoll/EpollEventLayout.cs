using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// struct epoll_event is { uint32 events; uint64 data; }, packed (12 bytes) on x86 and x86-64 and naturally aligned
/// (16 bytes) everywhere else, so the transport reads and writes it through raw memory instead of one C# struct.
/// </summary>
internal static unsafe class EpollEventLayout
{
    public static readonly int DataOffset = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 4 : 8;

    public static readonly int Size = DataOffset + 8;

    public static uint Events(byte* events, int index) => Unsafe.ReadUnaligned<uint>(events + (index * Size));

    public static ulong Data(byte* events, int index) => Unsafe.ReadUnaligned<ulong>(events + (index * Size) + DataOffset);

    public static void Write(byte* ev, uint events, ulong data)
    {
        Unsafe.WriteUnaligned(ev, events);
        Unsafe.WriteUnaligned(ev + DataOffset, data);
    }
}
