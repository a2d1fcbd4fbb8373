namespace Niagara.Hypervisor.Configuration;

/// <summary>
/// The limits of the machine Niagara models: one UltraSPARC T1 chip in a Sun Fire T2000.
/// Configuration values are validated against these, so a typo becomes an error rather than a
/// machine that no real guest would recognise.
/// </summary>
public static class T1Limits
{
    /// <summary>8 cores x 4 strands = 32 strands [UA s1.2].</summary>
    public const int MaxCores = 8;

    /// <summary>Each core interleaves 4 hardware strands [UA s1.2].</summary>
    public const int MaxStrandsPerCore = 4;

    public const int MaxStrands = MaxCores * MaxStrandsPerCore;

    /// <summary>
    /// A strand's id as the T1 numbers it (and as guests see it in the MD's cpu "id"): the 4
    /// strands of core c are 4c .. 4c+3, whether or not every strand of a core is enabled.
    /// </summary>
    public static int StrandId(int core, int strand) => (core * MaxStrandsPerCore) + strand;

    /// <summary>
    /// The smallest sun4v page (8 KB, TTE size code 0). Memory blocks are whole pages so guests
    /// can map all of them, and so PhysicalMemory's 8 KB pages tile the range exactly.
    /// </summary>
    public const ulong PageSize = 8 * 1024;

    /// <summary>
    /// PA bit 39 selects I/O on the T1 (reference section 5, "T1 facts"), so DRAM, and with it a
    /// guest's real-address range, must end at or below 2^39.
    /// </summary>
    public const ulong MemoryAddressLimit = 1UL << 39;

    /// <summary>
    /// 32 GB: the most a Sun Fire T2000 holds (16 DIMM slots of 2 GB). The chip's DRAM
    /// controllers address more (128 GB, [UA s1.3.5]) but no T1 system shipped with it.
    /// </summary>
    public const ulong MaxMemorySize = 32UL * 1024 * 1024 * 1024;

    /// <summary>
    /// Clock limits. T1 parts ran at 1.0-1.4 GHz and the OpenSPARC FPGA build at a few MHz
    /// (its MD says 5 MHz). Outside 1 MHz..2 GHz a value is almost surely given in the wrong
    /// unit (kHz or MHz read as Hz), so it is refused rather than silently simulated.
    /// </summary>
    public const ulong MinFrequencyHz = 1_000_000;

    public const ulong MaxClockFrequencyHz = 2_000_000_000;

    /// <summary>The 1.2 GHz 8-core part sold in the T1000/T2000 [T2K].</summary>
    public const ulong DefaultClockFrequencyHz = 1_200_000_000;

    /// <summary>A MAC address is 48 bits; the MD's "mac-address" holds it in the low bits.</summary>
    public const ulong MaxMacAddress = (1UL << 48) - 1;

    /// <summary>Solaris and Linux print the hostid as 8 hex digits: it is a 32-bit value.</summary>
    public const ulong MaxHostId = uint.MaxValue;
}
