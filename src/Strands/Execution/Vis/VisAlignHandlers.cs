using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Vis;

/// <summary>Misaligned-data support (ALIGNADDRESS, FALIGNDATA) and SIAM: the VIS ops that use the GSR.</summary>
public static class VisAlignHandlers
{
    /// <summary>
    /// ALIGNADDRESS{_LITTLE} (UA2005 7.x): r[rd] = (r[rs1] + r[rs2]) with bits 2:0 cleared, and
    /// GSR.align = bits 2:0 of the sum (little: their two's complement). It writes the GSR, so it
    /// needs the FPU enabled like every VIS op.
    /// </summary>
    public static void AlignAddress<TLittle>(Strand s, ref Instruction i)
        where TLittle : struct, IFlag
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        ulong sum = s.Reg(i.Rs1) + s.Reg(i.Rs2);
        ulong offset = TLittle.Value ? (0 - sum) & GsrFields.AlignMask : sum & GsrFields.AlignMask;
        s.Gsr = (s.Gsr & ~GsrFields.AlignMask) | offset;
        s.Reg(i.Rd) = sum & ~GsrFields.AlignMask;
    }

    /// <summary>
    /// FALIGNDATA: the 8 bytes starting at byte GSR.align of the 16-byte value %d[rs1]:%d[rs2]
    /// (byte 0 is the most significant byte of rs1).
    /// </summary>
    public static void AlignData(Strand s, ref Instruction i)
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        int shift = (int)(s.Gsr & GsrFields.AlignMask) * 8;
        ulong high = s.GetDouble(i.Rs1), low = s.GetDouble(i.Rs2);

        // C# masks 64-bit shift counts to 6 bits, so align = 0 (a 64-bit shift of low) needs its own case.
        s.SetDouble(i.Rd, shift == 0 ? high : (high << shift) | (low >> (64 - shift)));
    }

    /// <summary>
    /// SIAM (UA2005 7.x, VIS 2): GSR.im = mode bit 2, GSR.irnd = mode bits 1:0, from bits 2:0 of
    /// the instruction (the low bits of the rs2 field). While GSR.im is set, FPops round as
    /// GSR.irnd says and ignore FSR.rd.
    /// </summary>
    public static void SetIntervalArithmeticMode(Strand s, ref Instruction i)
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        ulong mode = (ulong)(i.Rs2 & 0x7);
        s.Gsr = (s.Gsr & ~(GsrFields.ImMask | GsrFields.IrndMask)) | (mode << GsrFields.IrndShift);
    }
}
