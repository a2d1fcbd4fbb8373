using Niagara.Memory;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The guest's mappings (segments, heap, stack, mmap areas) over its memory: which ranges are
/// taken, for brk and for finding room for mmap. Rights live in <see cref="PhysicalMemory"/>;
/// ranges here are page-aligned and never overlap.
/// </summary>
public sealed class AddressSpace
{
    private readonly List<MemoryRegion> _regions = new();

    public AddressSpace(PhysicalMemory memory) => Memory = memory;

    public PhysicalMemory Memory { get; }

    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>Maps [start, end) with <paramref name="access"/>, replacing whatever was there (contents kept).</summary>
    public void Map(ulong start, ulong end, PageAccess access)
    {
        Memory.Map(start, end - start, access);
        Carve(start, end);
        Insert(new MemoryRegion(start, end, access));
    }

    /// <summary>Records a range the loader mapped itself.</summary>
    public void Track(MemoryRegion region)
    {
        Carve(region.Start, region.End);
        Insert(region);
    }

    /// <summary>Unmaps [start, end); contents are dropped.</summary>
    public void Unmap(ulong start, ulong end)
    {
        Memory.Unmap(start, end - start);
        Carve(start, end);
    }

    /// <summary>mprotect: false when part of the range is not mapped (ENOMEM).</summary>
    public bool Protect(ulong start, ulong end, PageAccess access)
    {
        if (!IsMapped(start, end))
        {
            return false;
        }

        Memory.Protect(start, end - start, access);
        Carve(start, end);
        Insert(new MemoryRegion(start, end, access));
        return true;
    }

    /// <summary>True when every page of [start, end) is mapped.</summary>
    public bool IsMapped(ulong start, ulong end)
    {
        ulong at = start;
        foreach (MemoryRegion r in _regions)
        {
            if (r.End <= at)
            {
                continue;
            }

            if (r.Start > at)
            {
                return false;
            }

            at = r.End;
            if (at >= end)
            {
                return true;
            }
        }

        return at >= end;
    }

    /// <summary>True when no page of [start, end) is mapped.</summary>
    public bool IsFree(ulong start, ulong end)
    {
        foreach (MemoryRegion r in _regions)
        {
            if (r.Start < end && start < r.End)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The rights of the region holding <paramref name="address"/>, or null.</summary>
    public PageAccess? AccessAt(ulong address)
    {
        foreach (MemoryRegion r in _regions)
        {
            if (address >= r.Start && address < r.End)
            {
                return r.Access;
            }
        }

        return null;
    }

    /// <summary>The lowest free page-aligned range of <paramref name="length"/> bytes at or above <paramref name="from"/> and below <paramref name="limit"/>.</summary>
    public ulong? FindFree(ulong length, ulong from, ulong limit)
    {
        ulong candidate = from;
        foreach (MemoryRegion r in _regions)
        {
            if (r.End <= candidate)
            {
                continue;
            }

            if (r.Start >= candidate + length)
            {
                break;
            }

            candidate = r.End;
        }

        return candidate + length <= limit && candidate + length > candidate ? candidate : null;
    }

    private void Carve(ulong start, ulong end)
    {
        var pieces = new List<MemoryRegion>();
        for (int i = _regions.Count - 1; i >= 0; i--)
        {
            MemoryRegion r = _regions[i];
            if (r.End <= start || r.Start >= end)
            {
                continue;
            }

            _regions.RemoveAt(i);
            if (r.Start < start)
            {
                pieces.Add(r with { End = start });
            }

            if (r.End > end)
            {
                pieces.Add(r with { Start = end });
            }
        }

        foreach (MemoryRegion piece in pieces)
        {
            Insert(piece);
        }
    }

    private void Insert(MemoryRegion region)
    {
        int i = 0;
        while (i < _regions.Count && _regions[i].Start < region.Start)
        {
            i++;
        }

        _regions.Insert(i, region);
    }
}
