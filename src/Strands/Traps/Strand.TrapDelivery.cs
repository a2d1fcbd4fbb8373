using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    /// <summary>
    /// Delivers a trap to the guest's privileged trap table (UA2005 12.6): pushes the trap
    /// stack, enters privileged mode with interrupts off, and vectors to
    /// TBA + (TT &lt;&lt; 5), plus 0x4000 when the trap came from TL &gt; 0.
    /// A trap at TL = MAXPTL cannot be taken by privileged code: it goes to the hypervisor at
    /// TL = MAXPTL + 1, which gives the guest a watchdog reset (T1 HV revector/dmmu_err:
    /// "tl > MAXPTL -> watchdog_guest"). A trap at TL = MAXTL enters error_state.
    /// </summary>
    public void DeliverTrap(TrapType trap, ulong trapPc, ulong trapNpc)
    {
        if (Tl >= MaxTl)
        {
            EnterErrorState(trap, trapPc, $"error state: trap 0x{(int)trap:x3} at TL={Tl} (MAXTL {MaxTl})");
            return;
        }

        if (Tl >= MaxPtl)
        {
            GuestWatchdogReset(trap, trapPc, trapNpc);
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

    /// <summary>
    /// Guest watchdog reset, as the T1 HV's watchdog_guest does it (sun4v reference §4): the
    /// guest enters RTBA + 0x40 (the tt 2 slot of its real-mode table) at TL = MAXPTL and
    /// GL = MAXPGL. The HV copies the causing trap's TT and TSTATE to TL = MAXPTL; TPC/TNPC
    /// there are set to the causing trap's too, so the handler can see where it happened.
    /// PSTATE is the trapped state with PRIV set and IE, AM clear (TRAP_GUEST); the machine
    /// turns the MMU off in <see cref="ITrapHandler.OnWatchdogReset"/>. The hypervisor calls
    /// this directly for its own causes (a TLB miss with no fault area).
    /// A strand with no RTBA (process mode), or one that traps again before leaving
    /// TL = MAXPTL (the real machine would re-enter the vector forever), halts in error state.
    /// </summary>
    public void GuestWatchdogReset(TrapType cause, ulong trapPc, ulong trapNpc)
    {
        if (Rtba is not { } rtba)
        {
            EnterErrorState(cause, trapPc, $"watchdog reset: trap 0x{(int)cause:x3} at TL={Tl} (MAXPTL {MaxPtl}) and no real-mode trap table");
            return;
        }

        if (InWatchdogReset)
        {
            EnterErrorState(cause, trapPc, $"watchdog reset inside the watchdog handler: trap 0x{(int)cause:x3} at TL={Tl}");
            return;
        }

        ulong tstate = PackTstate();
        SetTl(MaxPtl);
        Tt[MaxPtl] = (ushort)cause;
        Tpc[MaxPtl] = trapPc;
        Tnpc[MaxPtl] = trapNpc;
        Tstate[MaxPtl] = tstate;
        Pstate = (Pstate & ~(Pstate.Ie | Pstate.Am)) | Pstate.Priv;
        SetGl(MaxPgl);
        InWatchdogReset = true;
        Pc = rtba + ((ulong)TrapType.WatchdogReset << 5);
        Npc = Pc + 4;
        TrapHandler.OnWatchdogReset(this, cause);
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

    /// <summary>error_state: the strand stops for good; the report carries the trap stack.</summary>
    private void EnterErrorState(TrapType trap, ulong trapPc, string what) =>
        Halt(new HaltReason(HaltKind.ErrorState, (int)trap, $"{what}, pc 0x{trapPc:x}; {DescribeTrapStack()}"));
}
