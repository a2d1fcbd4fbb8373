using System.Buffers.Binary;

namespace Niagara.Memory;

/// <summary>
/// Sparse 64-bit memory made of 8 KB pages. Address ranges are mapped first; a page is allocated
/// (zero-filled) the first time it is touched, so large reservations cost nothing until used.
/// Lookups and allocation are thread-safe; the contents are shared by every accessor.
/// </summary>
public sealed class PhysicalMemory
{
    private readonly Dictionary<ulong, MemoryPage> _pages = new();
    private readonly Dictionary<ulong, RamBlock> _blocks = new(); // by physical address >> RamBlock.Shift
    private readonly List<MappedRange> _ranges = new();
    private readonly Lock _lock = new();

    private readonly record struct MappedRange(ulong Start, ulong End, PageAccess Access);

    /// <summary>Bumped whenever a mapping or a page's rights change; page caches compare it.</summary>
    public int MappingGeneration { get; private set; }

    /// <summary>Maps [address, address+length) rounded out to whole pages.</summary>
    public void Map(ulong address, ulong length, PageAccess access)
    {
        if (length == 0)
        {
            return;
        }

        ulong start = address & ~MemoryPage.OffsetMask;
        ulong end = AlignUp(address + length);
        lock (_lock)
        {
            RemoveRange(start, end, dropPages: false);
            _ranges.Add(new MappedRange(start, end, access));
            for (ulong page = start; page < end && page >= start; page += MemoryPage.Size)
            {
                if (_pages.TryGetValue(page, out MemoryPage? existing))
                {
                    existing.Access = access;
                }
            }

            MappingGeneration++;
        }
    }

    /// <summary>Unmaps whole pages; their contents are dropped.</summary>
    public void Unmap(ulong address, ulong length)
    {
        lock (_lock)
        {
            RemoveRange(address & ~MemoryPage.OffsetMask, AlignUp(address + length), dropPages: true);
            MappingGeneration++;
        }
    }

    /// <summary>Changes the rights of mapped pages (mprotect).</summary>
    public bool Protect(ulong address, ulong length, PageAccess access)
    {
        ulong start = address & ~MemoryPage.OffsetMask;
        ulong end = AlignUp(address + length);
        lock (_lock)
        {
            for (ulong page = start; page < end; page += MemoryPage.Size)
            {
                if (FindRange(page) is null)
                {
                    return false;
                }
            }

            RemoveRange(start, end, dropPages: false);
            _ranges.Add(new MappedRange(start, end, access));
            for (ulong page = start; page < end; page += MemoryPage.Size)
            {
                if (_pages.TryGetValue(page, out MemoryPage? existing))
                {
                    existing.Access = access;
                }
            }

            MappingGeneration++;
            return true;
        }
    }

    public bool IsMapped(ulong address)
    {
        lock (_lock)
        {
            return FindRange(address & ~MemoryPage.OffsetMask) is not null;
        }
    }

    /// <summary>True when every page of [address, address+length) is mapped.</summary>
    public bool IsRangeMapped(ulong address, ulong length)
    {
        if (length == 0)
        {
            return true;
        }

        lock (_lock)
        {
            for (ulong page = address & ~MemoryPage.OffsetMask; page < address + length; page += MemoryPage.Size)
            {
                if (FindRange(page) is null)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The page holding <paramref name="address"/>, or null when it is not mapped.</summary>
    public MemoryPage? TryGetPage(ulong address)
    {
        ulong pageBase = address & ~MemoryPage.OffsetMask;
        lock (_lock)
        {
            if (_pages.TryGetValue(pageBase, out MemoryPage? page))
            {
                return page;
            }

            MappedRange? range = FindRange(pageBase);
            if (range is null)
            {
                return null;
            }

            ulong blockKey = pageBase >> RamBlock.Shift;
            if (!_blocks.TryGetValue(blockKey, out RamBlock? block))
            {
                block = new RamBlock();
                _blocks.Add(blockKey, block);
            }

            page = new MemoryPage(pageBase, range.Value.Access, block);
            _pages.Add(pageBase, page);
            return page;
        }
    }

    /// <summary>The page for an access of the given kind; throws <see cref="MemoryFaultException"/>.</summary>
    public MemoryPage GetPage(ulong address, MemoryAccessKind kind)
    {
        MemoryPage? page = TryGetPage(address);
        bool allowed = page is not null && kind switch
        {
            MemoryAccessKind.Read => page.Readable,
            MemoryAccessKind.Write => page.Writable,
            _ => (page.Access & PageAccess.Execute) != 0,
        };
        if (!allowed)
        {
            throw new MemoryFaultException(address, kind);
        }

        return page!;
    }

    // Convenience accessors for loaders, syscalls and tests (not the strand's hot path, which
    // goes through a PageCache). Unaligned and page-crossing accesses are fine here.
    public byte ReadU8(ulong address) => GetPage(address, MemoryAccessKind.Read).Data[(int)(address & MemoryPage.OffsetMask)];

    public ushort ReadU16(ulong address) => BinaryPrimitives.ReadUInt16BigEndian(ReadSpan(address, 2));

    public uint ReadU32(ulong address) => BinaryPrimitives.ReadUInt32BigEndian(ReadSpan(address, 4));

    public ulong ReadU64(ulong address) => BinaryPrimitives.ReadUInt64BigEndian(ReadSpan(address, 8));

    public void WriteU8(ulong address, byte value) => Write(address, [value]);

    public void WriteU16(ulong address, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        Write(address, b);
    }

    public void WriteU32(ulong address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Write(address, b);
    }

    public void WriteU64(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        Write(address, b);
    }

    public void Read(ulong address, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            MemoryPage page = GetPage(address, MemoryAccessKind.Read);
            int offset = (int)(address & MemoryPage.OffsetMask);
            int n = Math.Min(destination.Length, MemoryPage.Size - offset);
            page.Data.Slice(offset, n).CopyTo(destination);
            destination = destination[n..];
            address += (ulong)n;
        }
    }

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            MemoryPage page = GetPage(address, MemoryAccessKind.Write);
            WriteInto(page, address, ref source);
            address = (address & ~MemoryPage.OffsetMask) + MemoryPage.Size;
        }
    }

    /// <summary>Writes ignoring page rights (loaders fill read-only text this way).</summary>
    public void Load(ulong address, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            MemoryPage page = TryGetPage(address) ?? throw new MemoryFaultException(address, MemoryAccessKind.Write);
            WriteInto(page, address, ref source);
            address = (address & ~MemoryPage.OffsetMask) + MemoryPage.Size;
        }
    }

    /// <summary>Reads a NUL-terminated string of at most <paramref name="maxLength"/> bytes.</summary>
    public byte[] ReadCString(ulong address, int maxLength = 4096)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < maxLength; i++)
        {
            byte b = ReadU8(address + (ulong)i);
            if (b == 0)
            {
                return bytes.ToArray();
            }

            bytes.Add(b);
        }

        throw new MemoryFaultException(address, MemoryAccessKind.Read);
    }

    private static void WriteInto(MemoryPage page, ulong address, ref ReadOnlySpan<byte> source)
    {
        int offset = (int)(address & MemoryPage.OffsetMask);
        int n = Math.Min(source.Length, MemoryPage.Size - offset);
        source[..n].CopyTo(page.Data.Slice(offset, n));
        page.DecodedCode = null;
        source = source[n..];
    }

    private ReadOnlySpan<byte> ReadSpan(ulong address, int length)
    {
        int offset = (int)(address & MemoryPage.OffsetMask);
        if (offset + length <= MemoryPage.Size)
        {
            return GetPage(address, MemoryAccessKind.Read).Data.Slice(offset, length);
        }

        byte[] copy = new byte[length];
        Read(address, copy);
        return copy;
    }

    private MappedRange? FindRange(ulong pageBase)
    {
        foreach (MappedRange r in _ranges)
        {
            if (pageBase >= r.Start && pageBase < r.End)
            {
                return r;
            }
        }

        return null;
    }

    private void RemoveRange(ulong start, ulong end, bool dropPages)
    {
        for (int i = _ranges.Count - 1; i >= 0; i--)
        {
            MappedRange r = _ranges[i];
            if (r.End <= start || r.Start >= end)
            {
                continue;
            }

            _ranges.RemoveAt(i);
            if (r.Start < start)
            {
                _ranges.Add(r with { End = start });
            }

            if (r.End > end)
            {
                _ranges.Add(r with { Start = end });
            }
        }

        if (dropPages)
        {
            foreach (ulong key in _pages.Keys.Where(k => k >= start && k < end).ToList())
            {
                _pages[key].Data.Clear(); // its block's bytes come back zero if the page is mapped again
                _pages.Remove(key);
            }
        }
    }

    private static ulong AlignUp(ulong address) =>
        (address + MemoryPage.OffsetMask) & ~MemoryPage.OffsetMask;
}
