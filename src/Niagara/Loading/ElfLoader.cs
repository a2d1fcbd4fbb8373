using Niagara.Hypervisor.Linux;
using Niagara.Memory;

namespace Niagara.Loading;

/// <summary>
/// Maps an executable's PT_LOAD segments into memory the way binfmt_elf does: each segment's
/// pages with its R/W/X rights (a page shared by two segments gets both segments' rights), the
/// file bytes copied in and the rest (bss) left zero. A static-pie (ET_DYN) executable is moved
/// to ELF_ET_DYN_BASE.
/// </summary>
public static class ElfLoader
{
    public static ProcessImage Load(ElfFile elf, PhysicalMemory memory)
    {
        ulong bias = elf.Type == ElfType.SharedObject
            ? AddressSpaceLayout.DynamicExecutableBase - AddressSpaceLayout.PageAlignDown(LowestAddress(elf))
            : 0;
        CheckLayout(elf, bias);

        var regions = new List<MemoryRegion>();
        ulong end = 0;
        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            ulong start = AddressSpaceLayout.PageAlignDown(ph.VirtualAddress + bias);
            ulong stop = AddressSpaceLayout.PageAlignUp(ph.End + bias);
            PageAccess access = Access(ph.Flags);
            memory.Map(start, stop - start, access);
            regions.Add(new MemoryRegion(start, stop, access));
            end = Math.Max(end, ph.End + bias);
        }

        // Pages shared by two segments take the union of their rights (mapped last wins above).
        for (int i = 0; i < regions.Count; i++)
        {
            for (int j = 0; j < regions.Count; j++)
            {
                if (i != j && regions[i].Start < regions[j].End && regions[j].Start < regions[i].End)
                {
                    ulong s = Math.Max(regions[i].Start, regions[j].Start), e = Math.Min(regions[i].End, regions[j].End);
                    memory.Map(s, e - s, regions[i].Access | regions[j].Access);
                }
            }
        }

        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            memory.Load(ph.VirtualAddress + bias, elf.Data.Slice((int)ph.Offset, (int)ph.FileSize));
        }

        return new ProcessImage(
            elf.Entry + bias,
            ProgramHeaderAddress(elf) + bias,
            elf.ProgramHeaderEntrySize,
            elf.ProgramHeaders.Count,
            bias,
            regions,
            end);
    }

    private static ulong LowestAddress(ElfFile elf)
    {
        ulong lowest = ulong.MaxValue;
        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            lowest = Math.Min(lowest, ph.VirtualAddress);
        }

        return lowest;
    }

    private static void CheckLayout(ElfFile elf, ulong bias)
    {
        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            // binfmt_elf maps file pages, so address and offset must agree within a page.
            if ((ph.VirtualAddress % AddressSpaceLayout.PageSize) != (ph.Offset % AddressSpaceLayout.PageSize))
            {
                throw new ElfFormatException($"{ph.Describe()}: address 0x{ph.VirtualAddress:x} and file offset 0x{ph.Offset:x} differ modulo the page size");
            }

            if (ph.VirtualAddress + bias < AddressSpaceLayout.PageSize)
            {
                throw new ElfFormatException($"{ph.Describe()} maps page zero (address 0x{ph.VirtualAddress:x})");
            }

            if (ph.End + bias > AddressSpaceLayout.ExecutableLimit)
            {
                throw new ElfFormatException($"{ph.Describe()} ends at 0x{ph.End:x}, above the executable area (0x{AddressSpaceLayout.ExecutableLimit:x})");
            }
        }
    }

    /// <summary>
    /// AT_PHDR: PT_PHDR's address when present, else where the segment holding the headers
    /// maps them (binfmt_elf does the same since Linux 5.18).
    /// </summary>
    private static ulong ProgramHeaderAddress(ElfFile elf)
    {
        if (elf.Find(SegmentType.Phdr) is { } phdr)
        {
            return phdr.VirtualAddress;
        }

        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            if (elf.ProgramHeaderOffset >= ph.Offset && elf.ProgramHeaderOffset < ph.Offset + ph.FileSize)
            {
                return ph.VirtualAddress + (elf.ProgramHeaderOffset - ph.Offset);
            }
        }

        ProgramHeader first = elf.LoadSegments[0];
        return first.VirtualAddress - first.Offset + elf.ProgramHeaderOffset;
    }

    private static PageAccess Access(SegmentFlags flags) =>
        ((flags & SegmentFlags.Read) != 0 ? PageAccess.Read : PageAccess.None)
        | ((flags & SegmentFlags.Write) != 0 ? PageAccess.Write : PageAccess.None)
        | ((flags & SegmentFlags.Execute) != 0 ? PageAccess.Execute : PageAccess.None);
}
