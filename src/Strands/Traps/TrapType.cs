namespace Niagara.Strands.Traps;

/// <summary>Trap types (TT values) of UltraSPARC Architecture 2005 as the T1 implements them.</summary>
public enum TrapType : ushort
{
    PowerOnReset = 0x001,
    WatchdogReset = 0x002,
    ExternallyInitiatedReset = 0x003,
    SoftwareInitiatedReset = 0x004,
    RedStateException = 0x005,
    InstructionAccessException = 0x008,
    InstructionAccessMmuMiss = 0x009,
    InstructionAccessError = 0x00A,
    IllegalInstruction = 0x010,
    PrivilegedOpcode = 0x011,
    UnimplementedLdd = 0x012,
    UnimplementedStd = 0x013,
    FpDisabled = 0x020,
    FpExceptionIeee754 = 0x021,
    FpExceptionOther = 0x022,
    TagOverflow = 0x023,
    CleanWindow = 0x024,
    DivisionByZero = 0x028,
    DataAccessException = 0x030,
    DataAccessMmuMiss = 0x031,
    DataAccessError = 0x032,
    MemAddressNotAligned = 0x034,
    LddfMemAddressNotAligned = 0x035,
    StdfMemAddressNotAligned = 0x036,
    PrivilegedAction = 0x037,
    InstructionRealTranslationMiss = 0x03E,
    DataRealTranslationMiss = 0x03F,
    InterruptLevel1 = 0x041,
    InterruptLevel15 = 0x04F,
    CpuMondo = 0x07C,
    DevMondo = 0x07D,
    ResumableError = 0x07E,
    NonresumableError = 0x07F,
    SpillNormal0 = 0x080,
    SpillOther0 = 0x0A0,
    FillNormal0 = 0x0C0,
    FillOther0 = 0x0E0,
    TrapInstruction0 = 0x100,
    HyperprivilegedTrap0 = 0x180,
}

public static class TrapTypes
{
    /// <summary>spill_n_normal / spill_n_other (UA2005 table 12-4).</summary>
    public static TrapType Spill(bool other, int n) => (TrapType)((other ? 0x0A0 : 0x080) + (4 * n));

    /// <summary>fill_n_normal / fill_n_other.</summary>
    public static TrapType Fill(bool other, int n) => (TrapType)((other ? 0x0E0 : 0x0C0) + (4 * n));

    /// <summary>trap_instruction for Tcc software trap number <paramref name="number"/> (0..255).</summary>
    public static TrapType SoftwareTrap(int number) => (TrapType)(0x100 + number);

    public static bool IsSpill(TrapType tt) => tt is >= TrapType.SpillNormal0 and < TrapType.FillNormal0;

    public static bool IsFill(TrapType tt) => tt is >= TrapType.FillNormal0 and < TrapType.TrapInstruction0;

    public static bool IsSoftwareTrap(TrapType tt) => tt >= TrapType.TrapInstruction0;
}
