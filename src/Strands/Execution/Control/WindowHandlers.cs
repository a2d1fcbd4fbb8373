using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Control;

/// <summary>SAVE, RESTORE, RETURN and FLUSHW with the V9 window traps (UA2005 5.6, 12.5).</summary>
public static class WindowHandlers
{
    public static void Save<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong value = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if (s.CanSave == 0)
        {
            s.RaiseTrap(SpillTrap(s));
            return;
        }

        if (s.CleanWin - s.CanRestore == 0)
        {
            s.RaiseTrap(TrapType.CleanWindow);
            return;
        }

        s.SetCwp(s.Cwp + 1);
        s.CanSave--;
        s.CanRestore++;
        s.Reg(i.Rd) = value;
    }

    public static void Restore<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong value = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if (s.CanRestore == 0)
        {
            s.RaiseTrap(FillTrap(s));
            return;
        }

        s.SetCwp(s.Cwp - 1);
        s.CanSave++;
        s.CanRestore--;
        s.Reg(i.Rd) = value;
    }

    /// <summary>RETURN: a JMPL to rs1 + op2 (computed in the old window) and a RESTORE.</summary>
    public static void Return<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong target = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if (s.CanRestore == 0)
        {
            s.RaiseTrap(FillTrap(s));
            return;
        }

        if ((target & 3) != 0)
        {
            s.FaultAddress = target;
            s.RaiseTrap(TrapType.MemAddressNotAligned);
            return;
        }

        s.SetCwp(s.Cwp - 1);
        s.CanSave++;
        s.CanRestore--;
        s.Npc = target;
    }

    /// <summary>FLUSHW: traps with a spill until every window but the current one is saved.</summary>
    public static void Flushw(Strand s, ref Instruction i)
    {
        if (s.CanSave != Strand.NWindows - 2 - s.OtherWin)
        {
            s.RaiseTrap(SpillTrap(s));
        }
    }

    /// <summary>spill_n_other when OTHERWIN != 0 (WSTATE.other), else spill_n_normal (WSTATE.normal).</summary>
    public static TrapType SpillTrap(Strand s) =>
        s.OtherWin != 0 ? TrapTypes.Spill(true, (s.Wstate >> 3) & 7) : TrapTypes.Spill(false, s.Wstate & 7);

    public static TrapType FillTrap(Strand s) =>
        s.OtherWin != 0 ? TrapTypes.Fill(true, (s.Wstate >> 3) & 7) : TrapTypes.Fill(false, s.Wstate & 7);
}
