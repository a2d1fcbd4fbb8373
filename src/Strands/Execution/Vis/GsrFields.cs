namespace Niagara.Strands.Execution.Vis;

/// <summary>Fields of the graphics status register (UA2005 5.5.9: GSR, ASR 19).</summary>
public static class GsrFields
{
    /// <summary>align (2:0): byte offset that FALIGNDATA extracts from.</summary>
    public const ulong AlignMask = 0x7;

    /// <summary>scale (7:3): shift count of the FPACK instructions.</summary>
    public const int ScaleShift = 3;

    public const ulong ScaleMask = 0x1FUL << ScaleShift;

    /// <summary>irnd (26:25): interval rounding direction, used while im is set.</summary>
    public const int IrndShift = 25;

    public const ulong IrndMask = 0x3UL << IrndShift;

    /// <summary>im (27): interval mode; when set, FPops round as irnd says instead of FSR.rd.</summary>
    public const int ImShift = 27;

    public const ulong ImMask = 1UL << ImShift;

    /// <summary>mask (63:32): byte selectors of BSHUFFLE, written by BMASK.</summary>
    public const int MaskShift = 32;
}
