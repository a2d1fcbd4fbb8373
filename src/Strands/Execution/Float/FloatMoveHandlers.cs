using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Float;

/// <summary>What FMOV, FNEG and FABS do to the bits: they never raise IEEE exceptions, not even for a signalling NaN.</summary>
public interface IFloatSignOperation
{
    static abstract ulong Apply(ulong bits, ulong signBit);
}

public struct MoveOp : IFloatSignOperation
{
    public static ulong Apply(ulong bits, ulong signBit) => bits;
}

public struct NegateOp : IFloatSignOperation
{
    public static ulong Apply(ulong bits, ulong signBit) => bits ^ signBit;
}

public struct AbsoluteOp : IFloatSignOperation
{
    public static ulong Apply(ulong bits, ulong signBit) => bits & ~signBit;
}

/// <summary>FMOV/FNEG/FABS and the conditional moves FMOVcc and FMOVr.</summary>
public static class FloatMoveHandlers
{
    public static void Sign<TWidth, TOp>(Strand s, ref Instruction i)
        where TWidth : struct, IFloatWidth
        where TOp : struct, IFloatSignOperation
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        FsrFields.CompleteWithoutExceptions(s);
        TWidth.Write(s, i.Rd, TOp.Apply(TWidth.Read(s, i.Rs2), TWidth.SignBit));
    }

    /// <summary>FMOVcc: rd = rs2 when cond holds on fcc0-3, icc or xcc (selector in Aux).</summary>
    public static void MoveOnCondition<TWidth>(Strand s, ref Instruction i)
        where TWidth : struct, IFloatWidth
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        // Completes as an FPop whether or not it moves (Linux math_64.c clears cexc for a false FMOVqcc).
        FsrFields.CompleteWithoutExceptions(s);
        if (s.ConditionHolds(i.Aux, i.Cond))
        {
            TWidth.Write(s, i.Rd, TWidth.Read(s, i.Rs2));
        }
    }

    /// <summary>FMOVr: rd = rs2 when the register condition holds on integer rs1.</summary>
    public static void MoveOnRegister<TWidth>(Strand s, ref Instruction i)
        where TWidth : struct, IFloatWidth
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        FsrFields.CompleteWithoutExceptions(s);
        if (RegisterConditions.Holds(i.Cond, s.Reg(i.Rs1)))
        {
            TWidth.Write(s, i.Rd, TWidth.Read(s, i.Rs2));
        }
    }
}
