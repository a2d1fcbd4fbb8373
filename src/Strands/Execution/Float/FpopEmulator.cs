using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution.Float;

/// <summary>What system software should do after <see cref="FpopEmulator.Emulate"/>.</summary>
public enum FpopEmulation
{
    /// <summary>Not an FPop this emulator knows (quad precision): treat the trap as fatal (SIGFPE/SIGILL).</summary>
    NotEmulated,

    /// <summary>Done: the result and FSR are written; resume at the trapped instruction's nPC.</summary>
    Completed,

    /// <summary>An enabled IEEE exception: FSR.ftt = 1 and cexc are set, the destination is unchanged (SIGFPE).</summary>
    IeeeException,
}

/// <summary>
/// The kernel's half of the FPops the T1 FPU leaves unimplemented. On fp_exception_other with
/// FSR.ftt = unimplemented_FPop, system software computes the instruction and skips it (Linux
/// arch/sparc/math-emu/math_64.c do_mathemu). The process mode is that system software, so its
/// trap handler calls this; a guest kernel in machine mode brings its own emulation.
/// Covered: FSQRTs and FSQRTd, the ones compiled C code uses (glibc's sqrt is fsqrtd). Quad
/// FPops are not emulated (gcc on sparc64 Linux calls the _Qp_* soft-float routines instead).
/// </summary>
public static class FpopEmulator
{
    private const uint FsqrtS = 0x029;
    private const uint FsqrtD = 0x02a;

    /// <summary>Emulates the FPop <paramref name="word"/> on <paramref name="s"/>'s registers and FSR.</summary>
    public static FpopEmulation Emulate(Strand s, uint word)
    {
        if ((word & 0xC1F8_0000) != 0x81A0_0000)
        {
            return FpopEmulation.NotEmulated; // not FPop1
        }

        uint opf = InstructionFields.Opf(word);
        int rs2 = (int)InstructionFields.Rs2(word), rd = (int)InstructionFields.Rd(word);
        int mode = FsrFields.RoundingMode(s.Fsr);
        uint flags = 0;
        ulong result;
        switch (opf)
        {
            case FsqrtS:
                result = Ieee754.SquareRootSingle(s.GetSingle(rs2), mode, ref flags);
                break;
            case FsqrtD:
                result = Ieee754.SquareRootDouble(s.GetDouble(rs2), mode, ref flags);
                break;
            default:
                return FpopEmulation.NotEmulated;
        }

        if (!FsrFields.Record(ref s.Fsr, flags))
        {
            return FpopEmulation.IeeeException;
        }

        if (opf == FsqrtS)
        {
            s.SetSingle(rd, (uint)result);
        }
        else
        {
            s.SetDouble(rd, result);
        }

        return FpopEmulation.Completed;
    }
}
