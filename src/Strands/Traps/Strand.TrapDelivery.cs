using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    /// <summary>
    /// Delivers a trap to the guest's privileged trap table (UA2005 12.6): pushes the trap
    /// stack, enters privileged mode with interrupts off, and vectors to
    /// TBA + (TT &lt;&lt; 5), plus 0x4000 when the trap came from TL &gt; 0.
    /// A trap at TL = MAXPTL cannot be taken by privileged code: the strand gets a watchdog
    /// reset, which a sun4v guest cannot survive, so it halts in error state with the trap stack.
    /// </summary>
    public void DeliverTrap(TrapType trap, ulong trapPc, ulong trapNpc)
    {
        if (Tl >= MaxPtl)
        {
            Halt(new HaltReason(
                HaltKind.ErrorState,
                (int)TrapType.WatchdogReset,
                $"watchdog reset: trap 0x{(int)trap:x3} at TL={Tl} (MAXPTL {MaxPtl}) pc 0x{trapPc:x}; {DescribeTrapStack()}"));
            return;
        }

        bool fromTl0 = Tl == 0;
        Tl++;
        Tpc[Tl] = trapPc;
        Tnpc[Tl] = trapNpc;
        Tstate[Tl] = PackTstate();
        Tt[Tl] = (ushort)trap;

        // UA2005 table 12-x: PRIV=1, IE=0, AM=0, PEF=1, CLE=TLE; MM unchanged.
        Pstate keep = Pstate & (Pstate.Mm | Pstate.Tle);
        Pstate = keep | Pstate.Priv | Pstate.Pef | ((Pstate & Pstate.Tle) != 0 ? Pstate.Cle : Pstate.None);
        SetGl(Math.Min(Gl + 1, MaxPgl));

        // Window traps run in the window that needs the work (V9 7.x).
        if (TrapTypes.IsSpill(trap))
        {
            SetCwp(Cwp + CanSave + 2);
        }
        else if (TrapTypes.IsFill(trap))
        {
            SetCwp(Cwp - 1);
        }
        else if (trap == TrapType.CleanWindow)
        {
            SetCwp(Cwp + 1);
        }

        Pc = (Tba & ~0x7fffUL) | (fromTl0 ? 0UL : 0x4000UL) | ((ulong)trap << 5);
        Npc = Pc + 4;
    }

    /// <summary>The trap stack as text, for error-state reports.</summary>
    public string DescribeTrapStack()
    {
        var parts = new List<string>();
        for (int tl = Tl; tl >= 1; tl--)
        {
            parts.Add($"TL{tl}: tt=0x{Tt[tl]:x3} tpc=0x{Tpc[tl]:x} tnpc=0x{Tnpc[tl]:x} tstate=0x{Tstate[tl]:x}");
        }

        return parts.Count == 0 ? "trap stack empty" : string.Join("; ", parts);
    }
}
