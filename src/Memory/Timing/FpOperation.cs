namespace Niagara.Memory.Timing;

/// <summary>Classes of FP operations the shared FPU executes, by pipe and latency [UA Tab 7-2, s7.1.6].</summary>
public enum FpOperation
{
    /// <summary>FADD/FSUB/FCMP(E), FsTOd/FdTOs, FsTOi/FdTOx and the other conversions from FP (FPA, 4 cycles).</summary>
    AddSubCompareConvert,

    /// <summary>FiTOs/FiTOd/FxTOs/FxTOd: conversions from integer (FPA, 5 cycles).</summary>
    ConvertFromInteger,

    /// <summary>FMULs/FMULd/FsMULd (FPM, 7 cycles, two passes: one issue per 2 cycles).</summary>
    Multiply,

    /// <summary>FDIVs (FPD, 32 cycles, not blocking the other pipes).</summary>
    DivideSingle,

    /// <summary>FDIVd (FPD, 61 cycles).</summary>
    DivideDouble,
}
