namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>One cache as an MD "cache" node describes it.</summary>
public sealed record CacheGeometry(int Level, string[] Type, ulong Size, ulong LineSize, ulong Associativity);

/// <summary>
/// The values a T1 machine description reports, in one place, each with its source. "[HV]" is
/// Sun's T1 HV (t1_fpga configs/common.pdesc), "[LX]" Linux arch/sparc, "[IL]" illumos sun4v,
/// "[UA]" the OpenSPARC T1 microarchitecture spec, "ref" shared/reference/sun4v-hypervisor-api.md.
/// </summary>
public static class UltraSparcT1Facts
{
    /// <summary>uname -i of a T2000 (the platform name).</summary>
    public const string PlatformName = "SUNW,Sun-Fire-T200";

    public const string BannerName = "Sun Fire T200";

    /// <summary>
    /// Linux's sun4v_wdt accepts a resolution of 1..1000 ms and a maximum of at least 1 s;
    /// illumos disables its watchdog below its minimum. 1 s and one year (in ms) satisfy both.
    /// </summary>
    public const ulong WatchdogResolutionMs = 1000;

    public const ulong WatchdogMaxTimeoutMs = 365UL * 24 * 60 * 60 * 1000;

    /// <summary>[HV] common.pdesc cpu "compatible"; illumos compares the first entry to pick the T1 module.</summary>
    public static readonly string[] Compatible = { "SUNW,UltraSPARC-T1", "SUNW,sun4v-cpu", "sun4v" };

    /// <summary>
    /// [HV] common.pdesc lists sparcv9..sparc; illumos' niagara cpu module adds the +vis and +vis2
    /// sets a T1 supports (niagara.c ni_isa_set), best first as isalist(1) prints them.
    /// </summary>
    public static readonly string[] IsaList =
    {
        "sparcv9+vis2", "sparcv9+vis", "sparcv9", "sparcv8plus+vis2", "sparcv8plus+vis",
        "sparcv8plus", "sparcv8", "sparcv8-fsmuld", "sparcv7", "sparc",
    };

    /// <summary>
    /// Spelled as Linux's setup_64.c hwcaps[] table matches them. No "popc": the T1 has no POPC
    /// hardware, and Linux's own T1 fallback grants POPC only from Niagara2 on.
    /// </summary>
    public static readonly string[] HwcapList = { "mul32", "div32", "fsmuld", "v8plus", "vis", "vis2", "ASIBlkInit" };

    /// <summary>Strands here run every model as TSO; illumos only scans this list for "wc".</summary>
    public static readonly string[] MemoryModelList = { "tso" };

    /// <summary>8192 contexts and a 48-bit VA (ref section 5, "T1 facts"); illumos panics on other context widths.</summary>
    public const ulong MmuContextBits = 13;

    public const ulong MmuVaBits = 48;

    /// <summary>8K, 64K, 4M and 256M (ref section 5; illumos niagara.c NI_MMU_PAGESIZE_MASK).</summary>
    public const ulong MmuPageSizeList = 0x2b;

    /// <summary>The T1 HV takes at most 2 TSB descriptors per context class (ref section 5).</summary>
    public const ulong MmuMaxTsbs = 2;

    /// <summary>
    /// log2 of queue entries. No real T1 MD was at hand, so these are Linux's defaults (mdesc.c
    /// get_mondo_data: cpu 7, dev 7, resumable 6, nonresumable 2), all inside the T1 HV's
    /// 2..256-entry range for cpu_qconf (ref section 3).
    /// </summary>
    public const ulong QueueCpuMondoBits = 7;

    public const ulong QueueDevMondoBits = 7;
    public const ulong QueueResumableBits = 6;
    public const ulong QueueNonResumableBits = 2;

    /// <summary>L1 I: 16 KB, 4-way, 32 B lines, one per core [UA s1.3.1.1].</summary>
    public static readonly CacheGeometry L1Instruction = new(1, new[] { "instn" }, 16 * 1024, 32, 4);

    /// <summary>L1 D: 8 KB, 4-way, 16 B lines, one per core [UA s1.3.1.3].</summary>
    public static readonly CacheGeometry L1Data = new(1, new[] { "data" }, 8 * 1024, 16, 4);

    /// <summary>L2: 3 MB, 12-way, 64 B lines, unified and shared by all cores [UA s1.3.4].</summary>
    public static readonly CacheGeometry L2 = new(2, new[] { "instn", "data" }, 3 * 1024 * 1024, 64, 12);

    /// <summary>[HV] common.pdesc VDEV_HANDLE; ref section 6.</summary>
    public const ulong VirtualDevicesCfgHandle = 0x100;

    /// <summary>[HV] common.pdesc console: cfg-handle 1, ino 0x11, driver and compatible names.</summary>
    public const ulong ConsoleCfgHandle = 0x1;

    public const ulong ConsoleIno = 0x11;
    public const string ConsoleDriver = "console-virtual-device";
    public const string ConsoleCompatible = "qcn";

    /// <summary>[HV] common.pdesc "tod" node, named "rtc": it backs tod_get/tod_set.</summary>
    public const ulong RtcCfgHandle = 0x3;

    public const ulong RtcIno = 0x0;
    public const string RtcDriver = "tod-virtual-device";
    public const string RtcCompatible = "sun4v-tod";
}
