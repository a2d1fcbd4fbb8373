using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.StateRegisters;

/// <summary>
/// RDPR/WRPR, DONE/RETRY and SAVED/RESTORED (UA2005 7.x). Each starts by checking privilege:
/// nonprivileged code gets privileged_opcode.
/// </summary>
public static class PrivilegedRegisterHandlers
{
    public const int Tpc = 0, Tnpc = 1, Tstate = 2, Tt = 3, Tick = 4, Tba = 5, PstateReg = 6, TlReg = 7;
    public const int PilReg = 8, CwpReg = 9, CanSaveReg = 10, CanRestoreReg = 11, CleanWinReg = 12;
    public const int OtherWinReg = 13, WstateReg = 14, GlReg = 16;

    public static void Rdpr(Strand s, ref Instruction i)
    {
        if (!CheckPrivileged(s) || !TryRead(s, i.Rs1, out ulong value))
        {
            return;
        }

        s.Reg(i.Rd) = value;
    }

    public static void Wrpr<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (!CheckPrivileged(s))
        {
            return;
        }

        ulong value = s.Reg(i.Rs1) ^ TSrc.Read(s, ref i);
        if (!TryWrite(s, i.Rd, value))
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        // Raising PSTATE.IE or lowering PIL may unmask a pending interrupt (UA2005: taken
        // before the next instruction).
        if (i.Rd is PstateReg or PilReg)
        {
            s.YieldIfInterruptPending();
        }
    }

    /// <summary>DONE: return to TNPC; RETRY: return to TPC, TNPC. Both pop the trap stack.</summary>
    public static void DoneOrRetry<TRetry>(Strand s, ref Instruction i)
        where TRetry : struct, Integer.IFlag
    {
        if (!CheckPrivileged(s))
        {
            return;
        }

        if (s.Tl == 0)
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        int tl = s.Tl;
        if (TRetry.Value)
        {
            s.Pc = s.Tpc[tl];
            s.Npc = s.Tnpc[tl];
        }
        else
        {
            s.Pc = s.Tnpc[tl];
            s.Npc = s.Tnpc[tl] + 4;
        }

        s.UnpackTstate(s.Tstate[tl]);
        s.SetTl(tl - 1);

        // The restored PSTATE may have IE set again with an interrupt waiting.
        s.YieldIfInterruptPending();
    }

    /// <summary>SAVED: a spill handler saved a window (CANSAVE++, then CANRESTORE-- or OTHERWIN--).</summary>
    public static void Saved(Strand s, ref Instruction i)
    {
        if (!CheckPrivileged(s))
        {
            return;
        }

        s.CanSave = (s.CanSave + 1) & (Strand.NWindows - 1);
        if (s.OtherWin == 0)
        {
            s.CanRestore = (s.CanRestore - 1) & (Strand.NWindows - 1);
        }
        else
        {
            s.OtherWin = (s.OtherWin - 1) & (Strand.NWindows - 1);
        }
    }

    /// <summary>RESTORED: a fill handler restored a window (CANRESTORE++, then CANSAVE-- or OTHERWIN--; CLEANWIN++ if below NWINDOWS-1).</summary>
    public static void Restored(Strand s, ref Instruction i)
    {
        if (!CheckPrivileged(s))
        {
            return;
        }

        s.CanRestore = (s.CanRestore + 1) & (Strand.NWindows - 1);
        if (s.OtherWin == 0)
        {
            s.CanSave = (s.CanSave - 1) & (Strand.NWindows - 1);
        }
        else
        {
            s.OtherWin = (s.OtherWin - 1) & (Strand.NWindows - 1);
        }

        if (s.CleanWin < Strand.NWindows - 1)
        {
            s.CleanWin++;
        }
    }

    private static bool CheckPrivileged(Strand s)
    {
        if (s.Privileged)
        {
            return true;
        }

        s.RaiseTrap(TrapType.PrivilegedOpcode);
        return false;
    }

    private static bool TryRead(Strand s, int register, out ulong value)
    {
        value = 0;
        if (register <= Tt && s.Tl == 0)
        {
            s.RaiseTrap(TrapType.IllegalInstruction); // UA2005: trap-stack registers at TL = 0
            return false;
        }

        switch (register)
        {
            case Tpc: value = s.Tpc[s.Tl]; break;
            case Tnpc: value = s.Tnpc[s.Tl]; break;
            case Tstate: value = s.Tstate[s.Tl]; break;
            case Tt: value = s.Tt[s.Tl]; break;
            case Tick: value = s.CurrentCycle | (s.TickNpt ? 1UL << 63 : 0); break;
            case Tba: value = s.Tba; break;
            case PstateReg: value = (ulong)(ushort)s.Pstate; break;
            case TlReg: value = (ulong)s.Tl; break;
            case PilReg: value = (ulong)s.Pil; break;
            case CwpReg: value = (ulong)s.Cwp; break;
            case CanSaveReg: value = (ulong)s.CanSave; break;
            case CanRestoreReg: value = (ulong)s.CanRestore; break;
            case CleanWinReg: value = (ulong)s.CleanWin; break;
            case OtherWinReg: value = (ulong)s.OtherWin; break;
            case WstateReg: value = (ulong)s.Wstate; break;
            case GlReg: value = (ulong)s.Gl; break;
            default:
                s.RaiseTrap(TrapType.IllegalInstruction);
                return false;
        }

        return true;
    }

    private static bool TryWrite(Strand s, int register, ulong value)
    {
        if (register <= Tt && s.Tl == 0)
        {
            return false;
        }

        const int windowMask = Strand.NWindows - 1;
        switch (register)
        {
            case Tpc: s.Tpc[s.Tl] = value & ~3UL; break;
            case Tnpc: s.Tnpc[s.Tl] = value & ~3UL; break;
            case Tstate: s.Tstate[s.Tl] = value & 0x7_FFFF_FF1F_FF1FUL; break;
            case Tt: s.Tt[s.Tl] = (ushort)(value & 0x1ff); break;
            case Tick: s.TickNpt = (value >> 63) != 0; break; // the counter itself is the hypervisor's
            case Tba: s.Tba = value & ~0x7fffUL; break;
            case PstateReg: s.Pstate = (Pstate)(value & 0x1fff) & ~(Pstate)0x1; break;
            case TlReg: s.SetTl((int)Math.Min(value & 7, (ulong)Strand.MaxPtl)); break; // UA2005: privileged writes saturate at MAXPTL
            case PilReg: s.Pil = (int)(value & 0xf); break;
            case CwpReg: s.SetCwp((int)(value & windowMask)); break;
            case CanSaveReg: s.CanSave = (int)(value & windowMask); break;
            case CanRestoreReg: s.CanRestore = (int)(value & windowMask); break;
            case CleanWinReg: s.CleanWin = (int)(value & windowMask); break;
            case OtherWinReg: s.OtherWin = (int)(value & windowMask); break;
            case WstateReg: s.Wstate = (int)(value & 0x3f); break;
            case GlReg: s.SetGl((int)Math.Min(value & 0xf, (ulong)Strand.MaxPgl)); break;
            default: return false;
        }

        return true;
    }
}
