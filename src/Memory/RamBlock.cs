using System.Runtime.InteropServices;

namespace Niagara.Memory;

/// <summary>
/// 2 MB of zero-filled native memory backing the pages of one 2 MB-aligned physical region.
/// Why not a managed array per page: a guest touches its RAM page by page, and every fresh
/// 4 KB host page is a page fault (plus the GC's own zeroing); on Linux the block asks for a
/// transparent huge page instead (madvise), one fault per 2 MB. Measured on txmix --timing t1
/// (16 MB table): 4,400-5,000 host page faults a run before, 10-60 after, 10-15 % less time.
/// The block is freed when its last page and its memory are unreachable (finalizer).
/// </summary>
internal sealed unsafe partial class RamBlock
{
    public const int Shift = 21;
    public const int Size = 1 << Shift;
    public const ulong OffsetMask = Size - 1;

    private readonly byte* _base;    // Size bytes, Size-aligned on Linux
    private readonly void* _mapping; // what to give back: the mapping, or the NativeMemory block
    private readonly nuint _mappingLength;

    public RamBlock()
    {
        if (OperatingSystem.IsLinux())
        {
            // Map twice the size and keep the aligned middle: a huge page needs a 2 MB-aligned range.
            _mappingLength = 2 * (nuint)Size;
            byte* map = (byte*)Mmap(null, _mappingLength, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (map == (byte*)-1)
            {
                throw new OutOfMemoryException($"cannot map {Size >> 20} MB of guest RAM (errno {Marshal.GetLastPInvokeError()})");
            }

            _mapping = map;
            _base = (byte*)(((nuint)map + (nuint)OffsetMask) & ~(nuint)OffsetMask);
            _ = Madvise(_base, Size, MadvHugePage); // a hint: without huge pages it still works
        }
        else
        {
            _mapping = NativeMemory.AllocZeroed(Size);
            _base = (byte*)_mapping;
        }

        GC.AddMemoryPressure(Size);
    }

    ~RamBlock()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Munmap(_mapping, _mappingLength);
        }
        else
        {
            NativeMemory.Free(_mapping);
        }

        GC.RemoveMemoryPressure(Size);
    }

    /// <summary>The 8 KB of the page at <paramref name="pageBase"/> (within this block's region).</summary>
    public byte* PageAt(ulong pageBase) => _base + (pageBase & OffsetMask);

    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 2;
    private const int MapAnonymous = 0x20;
    private const int MadvHugePage = 14;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
