using Niagara.Strands.Isa;

namespace Niagara.Strands.Disassembly;

/// <summary>
/// The names GNU objdump (binutils opcodes/sparc-dis.c and sparc-opc.c, printing for the v9a
/// architecture level that sparc64 Linux executables carry) gives to registers, condition codes,
/// ASIs, prefetch functions and membar masks.
/// </summary>
public static class RegisterNames
{
    private static readonly string[] Integer =
    [
        "%g0", "%g1", "%g2", "%g3", "%g4", "%g5", "%g6", "%g7",
        "%o0", "%o1", "%o2", "%o3", "%o4", "%o5", "%sp", "%o7",
        "%l0", "%l1", "%l2", "%l3", "%l4", "%l5", "%l6", "%l7",
        "%i0", "%i1", "%i2", "%i3", "%i4", "%i5", "%fp", "%i7",
    ];

    private static readonly string[] FloatRegisters = BuildFloatNames();

    // Bicc/BPcc/Tcc/MOVcc/FMOVcc on icc or xcc (V9 A.3 table): objdump prints "a" as "" for
    // branches ("b") and "a" elsewhere ("ta", "mova").
    private static readonly string[] IntegerConditions =
        ["n", "e", "le", "l", "leu", "cs", "neg", "vs", "a", "ne", "g", "ge", "gu", "cc", "pos", "vc"];

    // FBfcc/FBPfcc/MOVcc/FMOVcc on fccN (V9 A.5 table).
    private static readonly string[] FloatConditions =
        ["n", "ne", "lg", "ul", "l", "ug", "g", "u", "a", "e", "ue", "ge", "uge", "le", "ule", "o"];

    // BPr/MOVr/FMOVr rcond 0..7 (0 and 4 are reserved). Branches use z/nz, moves e/ne.
    private static readonly string?[] BranchRegisterConditions = [null, "z", "lez", "lz", null, "nz", "gz", "gez"];
    private static readonly string?[] MoveRegisterConditions = [null, "e", "lez", "lz", null, "ne", "gz", "gez"];

    private static readonly string[] PrivilegedRegisters =
    [
        "%tpc", "%tnpc", "%tstate", "%tt", "%tick", "%tba", "%pstate", "%tl",
        "%pil", "%cwp", "%cansave", "%canrestore", "%cleanwin", "%otherwin", "%wstate", "%fq", "%gl",
    ];

    // Ancillary state registers 16..23 that objdump names at the v9a level (rd/wr %asr16..23).
    private static readonly string[] AncillaryRegisters =
        ["%pcr", "%pic", "%dcr", "%gsr", "%softint_set", "%softint_clear", "%softint", "%tick_cmpr"];

    private static readonly string?[] Prefetch = BuildPrefetchNames();

    private static readonly string?[] AsiNames = BuildAsiNames();

    // membar mmask/cmask bits, most significant first as objdump prints them.
    private static readonly string[] MembarBits =
        ["#Sync", "#MemIssue", "#Lookaside", "#StoreStore", "#LoadStore", "#StoreLoad", "#LoadLoad"];

    public static string Int(uint register) => Integer[register & 31];

    /// <summary>
    /// An FP register from its 5-bit field: singles name it directly; doubles and quads use bit 0
    /// as bit 5 of the register number (V9 5.1.4.1), as objdump's fregx does.
    /// </summary>
    public static string Float(uint field, FloatWidth width) =>
        width == FloatWidth.Single
            ? FloatRegisters[field & 31]
            : FloatRegisters[(field & 0x1e) | ((field & 1) << 5)];

    public static string IntegerCondition(uint cond) => IntegerConditions[cond & 15];

    public static string FloatCondition(uint cond) => FloatConditions[cond & 15];

    public static string? BranchRegisterCondition(uint rcond) => BranchRegisterConditions[rcond & 7];

    public static string? MoveRegisterCondition(uint rcond) => MoveRegisterConditions[rcond & 7];

    /// <summary>rdpr/wrpr register names objdump knows at v9a; null for the ones it prints as "unknown".</summary>
    public static string? PrivilegedRegister(uint number) =>
        number < PrivilegedRegisters.Length ? PrivilegedRegisters[number] : number == 31 ? "%ver" : null;

    /// <summary>%pcr..%tick_cmpr for asr 16..23, or null (then objdump prints %asrN).</summary>
    public static string? AncillaryRegister(uint number, bool write)
    {
        if (number < 16 || number > 23)
        {
            return null;
        }

        // %softint_set/%softint_clear are write-only: rd of asr 20/21 prints as %asr20/%asr21.
        if (!write && (number == 20 || number == 21))
        {
            return null;
        }

        return AncillaryRegisters[number - 16];
    }

    public static string PrefetchFunction(uint fcn) => Prefetch[fcn & 31] ?? (fcn & 31).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The #ASI_... name objdump prints for an immediate ASI, or "(n)" for an unnamed one.</summary>
    public static string Asi(uint asi) =>
        AsiNames[asi & 0xff] ?? "(" + (asi & 0xff).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    public static string MembarMask(uint mask)
    {
        mask &= 0x7f;
        if (mask == 0)
        {
            return "0";
        }

        var text = new System.Text.StringBuilder();
        for (int bit = 6; bit >= 0; bit--)
        {
            if ((mask & (1u << bit)) == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append('|');
            }

            text.Append(MembarBits[6 - bit]);
        }

        return text.ToString();
    }

    private static string[] BuildFloatNames()
    {
        var names = new string[64];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = "%f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    private static string?[] BuildPrefetchNames()
    {
        var names = new string?[32];
        names[0] = "#n_reads";
        names[1] = "#one_read";
        names[2] = "#n_writes";
        names[3] = "#one_write";
        names[4] = "#page";
        names[16] = "#invalidate";
        names[17] = "#unified";
        names[20] = "#n_reads_strong";
        names[21] = "#one_read_strong";
        names[22] = "#n_writes_strong";
        names[23] = "#one_write_strong";
        return names;
    }

    private static string?[] BuildAsiNames()
    {
        // objdump prints the first name its table lists for a value (V9 names first, then
        // UltraSPARC/Niagara ones); verified against binutils 2.40 for every value.
        var names = new string?[256];
        void Add(uint asi, string name) => names[asi] ??= name;
        Add(0x04, "#ASI_N");
        Add(0x0c, "#ASI_N_L");
        Add(0x10, "#ASI_AIUP");
        Add(0x11, "#ASI_AIUS");
        Add(0x18, "#ASI_AIUP_L");
        Add(0x19, "#ASI_AIUS_L");
        Add(0x80, "#ASI_P");
        Add(0x81, "#ASI_S");
        Add(0x82, "#ASI_PNF");
        Add(0x83, "#ASI_SNF");
        Add(0x88, "#ASI_P_L");
        Add(0x89, "#ASI_S_L");
        Add(0x8a, "#ASI_PNF_L");
        Add(0x8b, "#ASI_SNF_L");
        Add(0x14, "#ASI_PHYS_USE_EC");
        Add(0x15, "#ASI_PHYS_BYPASS_EC_E");
        Add(0x16, "#ASI_BLK_AIUP_4V");
        Add(0x17, "#ASI_BLK_AIUS_4V");
        Add(0x1c, "#ASI_PHYS_USE_EC_L");
        Add(0x1d, "#ASI_PHYS_BYPASS_EC_E_L");
        Add(0x1e, "#ASI_BLK_AIUP_L_4V");
        Add(0x1f, "#ASI_BLK_AIUS_L_4V");
        Add(0x20, "#ASI_SCRATCHPAD");
        Add(0x21, "#ASI_MMU");
        Add(0x23, "#ASI_BLK_INIT_QUAD_LDD_AIUS");
        Add(0x24, "#ASI_NUCLEUS_QUAD_LDD");
        Add(0x25, "#ASI_QUEUE");
        Add(0x26, "#ASI_QUAD_LDD_PHYS_4V");
        Add(0x2c, "#ASI_NUCLEUS_QUAD_LDD_L");
        Add(0x30, "#ASI_PCACHE_DATA_STATUS");
        Add(0x31, "#ASI_PCACHE_DATA");
        Add(0x32, "#ASI_PCACHE_TAG");
        Add(0x33, "#ASI_PCACHE_SNOOP_TAG");
        Add(0x34, "#ASI_QUAD_LDD_PHYS");
        Add(0x38, "#ASI_WCACHE_VALID_BITS");
        Add(0x39, "#ASI_WCACHE_DATA");
        Add(0x3a, "#ASI_WCACHE_TAG");
        Add(0x3b, "#ASI_WCACHE_SNOOP_TAG");
        Add(0x3c, "#ASI_QUAD_LDD_PHYS_L");
        Add(0x40, "#ASI_SRAM_FAST_INIT");
        Add(0x41, "#ASI_CORE_AVAILABLE");
        Add(0x45, "#ASI_LSU_CONTROL_REG");
        Add(0x46, "#ASI_DCACHE_DATA");
        Add(0x47, "#ASI_DCACHE_TAG");
        Add(0x48, "#ASI_INTR_DISPATCH_STAT");
        Add(0x49, "#ASI_INTR_RECEIVE");
        Add(0x4b, "#ASI_ESTATE_ERROR_EN");
        Add(0x4c, "#ASI_AFSR");
        Add(0x4d, "#ASI_AFAR");
        Add(0x4e, "#ASI_EC_TAG_DATA");
        Add(0x50, "#ASI_IMMU");
        Add(0x51, "#ASI_IMMU_TSB_8KB_PTR");
        Add(0x52, "#ASI_IMMU_TSB_64KB_PTR");
        Add(0x54, "#ASI_ITLB_DATA_IN");
        Add(0x55, "#ASI_ITLB_DATA_ACCESS");
        Add(0x56, "#ASI_ITLB_TAG_READ");
        Add(0x57, "#ASI_IMMU_DEMAP");
        Add(0x58, "#ASI_DMMU");
        Add(0x59, "#ASI_DMMU_TSB_8KB_PTR");
        Add(0x5a, "#ASI_DMMU_TSB_64KB_PTR");
        Add(0x5b, "#ASI_DMMU_TSB_DIRECT_PTR");
        Add(0x5c, "#ASI_DTLB_DATA_IN");
        Add(0x5d, "#ASI_DTLB_DATA_ACCESS");
        Add(0x5e, "#ASI_DTLB_TAG_READ");
        Add(0x5f, "#ASI_DMMU_DEMAP");
        Add(0x60, "#ASI_IIU_INST_TRAP");
        Add(0x63, "#ASI_INTR_ID");
        Add(0x66, "#ASI_IC_INSTR");
        Add(0x67, "#ASI_IC_TAG");
        Add(0x68, "#ASI_IC_STAG");
        Add(0x6f, "#ASI_BRPRED_ARRAY");
        Add(0x70, "#ASI_BLK_AIUP");
        Add(0x71, "#ASI_BLK_AIUS");
        Add(0x72, "#ASI_MCU_CTRL_REG");
        Add(0x74, "#ASI_EC_DATA");
        Add(0x75, "#ASI_EC_CTRL");
        Add(0x76, "#ASI_EC_W");
        Add(0x77, "#ASI_INTR_W");
        Add(0x78, "#ASI_BLK_AIUPL");
        Add(0x79, "#ASI_BLK_AIUSL");
        Add(0x7e, "#ASI_EC_R");
        Add(0x7f, "#ASI_INTR_R");
        Add(0xc0, "#ASI_PST8_P");
        Add(0xc1, "#ASI_PST8_S");
        Add(0xc2, "#ASI_PST16_P");
        Add(0xc3, "#ASI_PST16_S");
        Add(0xc4, "#ASI_PST32_P");
        Add(0xc5, "#ASI_PST32_S");
        Add(0xc8, "#ASI_PST8_PL");
        Add(0xc9, "#ASI_PST8_SL");
        Add(0xca, "#ASI_PST16_PL");
        Add(0xcb, "#ASI_PST16_SL");
        Add(0xcc, "#ASI_PST32_PL");
        Add(0xcd, "#ASI_PST32_SL");
        Add(0xd0, "#ASI_FL8_P");
        Add(0xd1, "#ASI_FL8_S");
        Add(0xd2, "#ASI_FL16_P");
        Add(0xd3, "#ASI_FL16_S");
        Add(0xd8, "#ASI_FL8_PL");
        Add(0xd9, "#ASI_FL8_SL");
        Add(0xda, "#ASI_FL16_PL");
        Add(0xdb, "#ASI_FL16_SL");
        Add(0xe0, "#ASI_BLK_COMMIT_P");
        Add(0xe1, "#ASI_BLK_COMMIT_S");
        Add(0xe2, "#ASI_BLK_INIT_QUAD_LDD_P");
        Add(0xf0, "#ASI_BLK_P");
        Add(0xf1, "#ASI_BLK_S");
        Add(0xf8, "#ASI_BLK_PL");
        Add(0xf9, "#ASI_BLK_SL");
        Add(0x22, "#ASI_TWINX_AIUP");
        Add(0x27, "#ASI_TWINX_N");
        Add(0x2a, "#ASI_TWINX_AIUP_L");
        Add(0x2b, "#ASI_TWINX_AIUS_L");
        Add(0x2e, "#ASI_TWINX_REAL_L");
        Add(0x2f, "#ASI_TWINX_NL");
        Add(0xe3, "#ASI_TWINX_S");
        Add(0xea, "#ASI_TWINX_PL");
        Add(0xeb, "#ASI_TWINX_SL");
        Add(0x12, "#ASI_MAIUP");
        Add(0x13, "#ASI_MAIUS");
        Add(0x36, "#ASI_AIPN");
        Add(0x3e, "#ASI_AIPN_L");
        Add(0x42, "#ASI_INST_MASK_REG");
        Add(0x43, "#ASI_ERROR_INJECT_REG");
        Add(0x4f, "#ASI_HYP_SCRATCHPAD");
        Add(0x53, "#ASI_ITLB_PROBE");
        Add(0x64, "#ASI_CORE_SELECT_COMMIT_NHT");
        Add(0xb0, "#ASI_PIC");
        Add(0xf2, "#ASI_STBI_PM");
        Add(0xf3, "#ASI_STBI_SM");
        Add(0xfa, "#ASI_STBI_PLM");
        Add(0xfb, "#ASI_STBI_SLM");
        return names;
    }
}
