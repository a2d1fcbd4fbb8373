namespace Niagara.Hypervisor.Linux;

/// <summary>Auxiliary vector entry types (include/uapi/linux/auxvec.h).</summary>
public enum AuxType : ulong
{
    AT_NULL = 0,
    AT_IGNORE = 1,
    AT_EXECFD = 2,
    AT_PHDR = 3,
    AT_PHENT = 4,
    AT_PHNUM = 5,
    AT_PAGESZ = 6,
    AT_BASE = 7,
    AT_FLAGS = 8,
    AT_ENTRY = 9,
    AT_NOTELF = 10,
    AT_UID = 11,
    AT_EUID = 12,
    AT_GID = 13,
    AT_EGID = 14,
    AT_PLATFORM = 15,
    AT_HWCAP = 16,
    AT_CLKTCK = 17,
    AT_SECURE = 23,
    AT_BASE_PLATFORM = 24,
    AT_RANDOM = 25,
    AT_HWCAP2 = 26,
    AT_EXECFN = 31,
}

/// <summary>
/// AT_HWCAP bits for SPARC (arch/sparc/include/asm/elf_64.h; glibc's HWCAP_SPARC_*).
/// The value matters beyond information: static glibc picks its memcpy/memset variants with
/// IFUNC resolvers that read AT_HWCAP (sysdeps/sparc/sparc64/multiarch).
/// </summary>
public static class SparcHwcap
{
    public const ulong Flush = 0x1;
    public const ulong Stbar = 0x2;
    public const ulong Swap = 0x4;
    public const ulong MulDiv = 0x8;
    public const ulong V9 = 0x10;
    public const ulong Ultra3 = 0x20;
    public const ulong BlkInit = 0x40;
    public const ulong N2 = 0x80;
    public const ulong Mul32 = 0x100;
    public const ulong Div32 = 0x200;
    public const ulong FsMulD = 0x400;
    public const ulong V8Plus = 0x800;
    public const ulong Popc = 0x1000;
    public const ulong Vis = 0x2000;
    public const ulong Vis2 = 0x4000;
    public const ulong AsiBlkInit = 0x8000;

    /// <summary>
    /// What qemu-sparc64 7.2 (the reference the differential tests compare with) puts in AT_HWCAP
    /// for every CPU model, -cpu Sun-UltraSparc-T1 included: FLUSH|STBAR|SWAP|MULDIV|V9 = 0x1f
    /// (measured with getauxval). With it glibc's IFUNCs choose the generic UltraSPARC I
    /// memcpy/memset, so both simulators run the same library code instruction for instruction.
    /// This is the default.
    /// </summary>
    public const ulong Qemu = Flush | Stbar | Swap | MulDiv | V9;

    /// <summary>
    /// What a Linux kernel reports on a real T1 (setup_64.c init_sparc64_elf_hwcap with
    /// sun4v_chip_type NIAGARA1 and no hwcap list in the T1 machine description):
    /// the v8/v9 bits, MUL32|DIV32|V8PLUS, BLKINIT and ASI_BLK_INIT = 0x8b5f. It makes glibc use
    /// its Niagara-1 memcpy/memset (block-initializing ASI stores); selectable with --hwcap t1.
    /// </summary>
    public const ulong T1Linux = Flush | Stbar | Swap | MulDiv | V9 | BlkInit | Mul32 | Div32 | V8Plus | AsiBlkInit;
}
