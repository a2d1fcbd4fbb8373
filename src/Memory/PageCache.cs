using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Niagara.Memory;

/// <summary>
/// A strand's direct-mapped cache of page lookups (a software TLB), with big-endian aligned
/// accessors. HOT PATH: every guest load and store goes through here. Callers check alignment
/// first, so an access never crosses a page. One cache belongs to one strand (not thread-safe);
/// the memory behind it is shared.
/// </summary>
public sealed class PageCache
{
    private const int Entries = 256;
    private const ulong NoTag = ulong.MaxValue;

    private readonly PhysicalMemory _memory;
    private readonly Entry[] _read = new Entry[Entries];
    private readonly Entry[] _write = new Entry[Entries];
    private int _generation;

    private struct Entry
    {
        public ulong Tag;
        public MemoryPage Page;
    }

    public PageCache(PhysicalMemory memory)
    {
        _memory = memory;
        Flush();
    }

    public PhysicalMemory Memory => _memory;

    /// <summary>Forgets every cached lookup (after munmap/mprotect or a context switch).</summary>
    public void Flush()
    {
        for (int i = 0; i < Entries; i++)
        {
            _read[i].Tag = NoTag;
            _write[i].Tag = NoTag;
        }

        _generation = _memory.MappingGeneration;
    }

    /// <summary>Flushes when the memory's mappings changed since the last flush.</summary>
    public void Revalidate()
    {
        if (_generation != _memory.MappingGeneration)
        {
            Flush();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryPage PageForRead(ulong address)
    {
        ulong tag = address >> MemoryPage.Shift;
        ref Entry e = ref _read[(int)(tag % Entries)];
        return e.Tag == tag ? e.Page : FillRead(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryPage PageForWrite(ulong address)
    {
        ulong tag = address >> MemoryPage.Shift;
        ref Entry e = ref _write[(int)(tag % Entries)];
        MemoryPage page = e.Tag == tag ? e.Page : FillWrite(address);
        if (page.DecodedCode is not null)
        {
            page.DecodedCode = null; // a store into code makes its predecoded form stale
        }

        return page;
    }

    /// <summary>
    /// True when a read of <paramref name="address"/> would not fault. Non-faulting loads ask
    /// first, so that an unmapped address costs no exception.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CanRead(ulong address)
    {
        ulong tag = address >> MemoryPage.Shift;
        return _read[(int)(tag % Entries)].Tag == tag || TryFillRead(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadU8(ulong address) => At(PageForRead(address), address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadU16(ulong address) =>
        ReverseIfLittle(Unsafe.ReadUnaligned<ushort>(ref At(PageForRead(address), address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadU32(ulong address) =>
        ReverseIfLittle(Unsafe.ReadUnaligned<uint>(ref At(PageForRead(address), address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadU64(ulong address) =>
        ReverseIfLittle(Unsafe.ReadUnaligned<ulong>(ref At(PageForRead(address), address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteU8(ulong address, byte value) => At(PageForWrite(address), address) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteU16(ulong address, ushort value) =>
        Unsafe.WriteUnaligned(ref At(PageForWrite(address), address), ReverseIfLittle(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteU32(ulong address, uint value) =>
        Unsafe.WriteUnaligned(ref At(PageForWrite(address), address), ReverseIfLittle(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteU64(ulong address, ulong value) =>
        Unsafe.WriteUnaligned(ref At(PageForWrite(address), address), ReverseIfLittle(value));

    // Atomics (aligned; host atomics so that strands on several host threads stay coherent).

    /// <summary>CASA: compares the 32-bit word with <paramref name="compare"/>, swaps on equality, returns the old word.</summary>
    public uint CompareAndSwap32(ulong address, uint compare, uint value)
    {
        ref int cell = ref Unsafe.As<byte, int>(ref At(PageForWrite(address), address));
        int old = Interlocked.CompareExchange(ref cell, (int)ReverseIfLittle(value), (int)ReverseIfLittle(compare));
        return ReverseIfLittle((uint)old);
    }

    /// <summary>CASXA: the 64-bit form of <see cref="CompareAndSwap32"/>.</summary>
    public ulong CompareAndSwap64(ulong address, ulong compare, ulong value)
    {
        ref long cell = ref Unsafe.As<byte, long>(ref At(PageForWrite(address), address));
        long old = Interlocked.CompareExchange(ref cell, (long)ReverseIfLittle(value), (long)ReverseIfLittle(compare));
        return ReverseIfLittle((ulong)old);
    }

    /// <summary>SWAP: exchanges a 32-bit word, returns the old one.</summary>
    public uint Swap32(ulong address, uint value)
    {
        ref int cell = ref Unsafe.As<byte, int>(ref At(PageForWrite(address), address));
        return ReverseIfLittle((uint)Interlocked.Exchange(ref cell, (int)ReverseIfLittle(value)));
    }

    /// <summary>LDSTUB: reads a byte and sets it to 0xFF atomically.</summary>
    public byte LoadStoreUnsignedByte(ulong address) =>
        Interlocked.Exchange(ref At(PageForWrite(address), address), (byte)0xFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ref byte At(MemoryPage page, ulong address) =>
        ref Unsafe.AsRef<byte>(page.Base + (address & MemoryPage.OffsetMask));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MemoryPage FillRead(ulong address)
    {
        Revalidate();
        MemoryPage page = _memory.GetPage(address, MemoryAccessKind.Read);
        ulong tag = address >> MemoryPage.Shift;
        _read[(int)(tag % Entries)] = new Entry { Tag = tag, Page = page };
        return page;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryFillRead(ulong address)
    {
        Revalidate();
        MemoryPage? page = _memory.TryGetPage(address);
        if (page is null || !page.Readable)
        {
            return false;
        }

        ulong tag = address >> MemoryPage.Shift;
        _read[(int)(tag % Entries)] = new Entry { Tag = tag, Page = page };
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MemoryPage FillWrite(ulong address)
    {
        Revalidate();
        MemoryPage page = _memory.GetPage(address, MemoryAccessKind.Write);
        ulong tag = address >> MemoryPage.Shift;
        _write[(int)(tag % Entries)] = new Entry { Tag = tag, Page = page };
        return page;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReverseIfLittle(ushort v) => BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v) : v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReverseIfLittle(uint v) => BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v) : v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReverseIfLittle(ulong v) => BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v) : v;
}
