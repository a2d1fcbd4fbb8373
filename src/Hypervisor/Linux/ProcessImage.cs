using Niagara.Memory;

namespace Niagara.Hypervisor.Linux;

/// <summary>A mapped range of the guest address space.</summary>
public readonly record struct MemoryRegion(ulong Start, ulong End, PageAccess Access)
{
    public ulong Length => End - Start;
}

/// <summary>
/// What the ELF loader put into memory, as create_elf_tables needs it for the auxiliary vector:
/// the entry point and program headers (both already relocated by <see cref="LoadBias"/>), the
/// mapped segments and the first byte after the highest one (where the heap starts).
/// </summary>
public sealed record ProcessImage(
    ulong Entry,
    ulong ProgramHeaderAddress,
    int ProgramHeaderEntrySize,
    int ProgramHeaderCount,
    ulong LoadBias,
    IReadOnlyList<MemoryRegion> Segments,
    ulong EndOfImage);
