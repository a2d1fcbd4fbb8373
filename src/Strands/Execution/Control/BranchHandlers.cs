using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Control;

/// <summary>
/// Branches, CALL, JMPL. When a handler runs, Pc already holds the delay slot and Npc the
/// instruction after it; a taken branch replaces Npc, an annulled delay slot is skipped by
/// advancing both (V9 6.3.4: delayed control transfer, annul bit).
/// </summary>
public static class BranchHandlers
{
    /// <summary>Bicc on icc.</summary>
    public static void Bicc(Strand s, ref Instruction i) =>
        Conditional(s, ref i, ConditionCodes.Holds(i.Cond, s.Ccr & 0xf));

    /// <summary>BPcc: Aux bits 2:1 select icc (0) or xcc (2).</summary>
    public static void Bpcc(Strand s, ref Instruction i) =>
        Conditional(s, ref i, ConditionCodes.Holds(i.Cond, (i.Aux & 4) != 0 ? s.Ccr >> 4 : s.Ccr & 0xf));

    /// <summary>BPr: register condition on rs1; never "always", so never the ba,a rule.</summary>
    public static void Bpr(Strand s, ref Instruction i)
    {
        if (RegisterConditions.Holds(i.Cond, s.Reg(i.Rs1)))
        {
            s.Npc = s.InsnPc + (ulong)i.Imm;
        }
        else if ((i.Aux & 1) != 0)
        {
            SkipDelaySlot(s);
        }
    }

    /// <summary>FBfcc on fcc0.</summary>
    public static void Fbfcc(Strand s, ref Instruction i)
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        Conditional(s, ref i, FloatConditions.Holds(i.Cond, FloatConditions.Fcc(s.Fsr, 0)));
    }

    /// <summary>FBPfcc: Aux bits 2:1 select fcc0..fcc3.</summary>
    public static void Fbpfcc(Strand s, ref Instruction i)
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        Conditional(s, ref i, FloatConditions.Holds(i.Cond, FloatConditions.Fcc(s.Fsr, (i.Aux >> 1) & 3)));
    }

    /// <summary>ba / fba: always taken; with the annul bit the delay slot is skipped too.</summary>
    public static void Always(Strand s, ref Instruction i)
    {
        ulong target = s.InsnPc + (ulong)i.Imm;
        if ((i.Aux & 1) != 0)
        {
            s.Pc = target;
            s.Npc = target + 4;
        }
        else
        {
            s.Npc = target;
        }
    }

    /// <summary>bn / fbn: never taken; with the annul bit it skips the delay slot.</summary>
    public static void Never(Strand s, ref Instruction i)
    {
        if ((i.Aux & 1) != 0)
        {
            SkipDelaySlot(s);
        }
    }

    public static void Call(Strand s, ref Instruction i)
    {
        s.Reg(15) = s.InsnPc;
        s.Npc = s.InsnPc + (ulong)i.Imm;
    }

    public static void Jmpl<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong target = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((target & 3) != 0)
        {
            s.FaultAddress = target;
            s.RaiseTrap(TrapType.MemAddressNotAligned);
            return;
        }

        s.Reg(i.Rd) = s.InsnPc;
        s.Npc = target;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Conditional(Strand s, ref Instruction i, bool taken)
    {
        if (taken)
        {
            s.Npc = s.InsnPc + (ulong)i.Imm;
        }
        else if ((i.Aux & 1) != 0)
        {
            SkipDelaySlot(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SkipDelaySlot(Strand s)
    {
        s.Pc = s.Npc;
        s.Npc += 4;
    }
}
