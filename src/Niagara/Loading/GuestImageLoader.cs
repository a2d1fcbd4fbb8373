using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Loading;

/// <summary>
/// A sun4v guest image, checked: a bare-metal SPARC V9 executable whose segments lie in the
/// guest's real memory, starting at its base. <see cref="Rtba"/> is that base, where the image's
/// trap table starts; the boot strand enters at RTBA + 0x20 (the power-on reset vector, tt 1).
/// </summary>
public sealed record GuestImage(ulong Entry, ulong Rtba, IReadOnlyList<GuestImageSegment> Segments);

/// <summary>
/// Checks that an ELF file is a sun4v-loadable guest image for a machine configuration, on top
/// of <see cref="ElfFile"/>'s format checks: EM_SPARCV9, ET_EXEC (guests run with the MMU off at
/// the addresses they were linked for, so nothing relocates them), every PT_LOAD inside the
/// configured guest memory, the lowest at the memory base (RTBA), and the entry point at the POR
/// vector RTBA + 0x20 (sun4v reference section 4, "Strand start state"; Sun4vMachine boots
/// there). Problems become an <see cref="ElfFormatException"/> with a one-line reason.
/// </summary>
public static class GuestImageLoader
{
    /// <summary>
    /// T1 HV start state (sun4v reference, "Strand start state"): the boot vCPU enters at
    /// RTBA + 0x20, the power-on reset trap (tt 1) of the image's trap table.
    /// </summary>
    public const ulong PowerOnResetOffset = 0x20;

    public static GuestImage Load(byte[] data, MachineConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ElfFile elf = ElfFile.Parse(data);
        if (elf.Type != ElfType.Executable)
        {
            throw new ElfFormatException(
                $"not a sun4v guest image: ELF type {(ushort)elf.Type} ({elf.Type}); a guest is a static ET_EXEC linked at its real addresses");
        }

        ulong memoryEnd = config.MemoryBase + config.MemorySize;
        ulong lowest = ulong.MaxValue;
        var segments = new List<GuestImageSegment>(elf.LoadSegments.Count);
        foreach (ProgramHeader ph in elf.LoadSegments)
        {
            if (ph.VirtualAddress < config.MemoryBase || ph.End > memoryEnd)
            {
                throw new ElfFormatException(
                    $"{ph.Describe()} at 0x{ph.VirtualAddress:x}..0x{ph.End:x} lies outside guest memory 0x{config.MemoryBase:x}..0x{memoryEnd:x}"
                    + (ph.End > memoryEnd && ph.VirtualAddress >= config.MemoryBase ? " (give the guest more --memory)" : ""));
            }

            lowest = Math.Min(lowest, ph.VirtualAddress);
            segments.Add(new GuestImageSegment(ph.VirtualAddress, data.AsMemory((int)ph.Offset, (int)ph.FileSize), ph.MemorySize));
        }

        // The hypervisor enters the boot strand at RTBA + 0x20 with RTBA = the guest's real-address
        // base (the T1 HV copies the guest image there), so the image must start at that base.
        if (lowest != config.MemoryBase)
        {
            throw new ElfFormatException(
                $"the image starts at 0x{lowest:x}, not at the guest memory base 0x{config.MemoryBase:x} where the hypervisor enters it (base + 0x20): not a sun4v guest image");
        }

        if (elf.Entry != lowest + PowerOnResetOffset)
        {
            throw new ElfFormatException(
                $"entry point 0x{elf.Entry:x} is not the power-on reset vector 0x{lowest + PowerOnResetOffset:x} (lowest segment 0x{lowest:x} + 0x20): not a sun4v guest image");
        }

        return new GuestImage(elf.Entry, lowest, segments);
    }
}
