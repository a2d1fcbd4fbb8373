using Niagara.Strands.State;

namespace Niagara.Strands;

public sealed partial class Strand
{
    /// <summary>
    /// Puts the strand in the state the T1 hypervisor starts a sun4v guest strand in (sun4v
    /// reference §4 "Strand start state"): every integer, global and FP register 0 except
    /// %o0 = <paramref name="arg0"/>, %i0 = <paramref name="raBase"/> and %i1 =
    /// <paramref name="raSize"/>; TL = 2 and GL = 2 (the HV enters with DONE from TL 3);
    /// PSTATE = PRIV in TSO (IE, AM and PEF clear); FPRS = 0; PIL = 15; SOFTINT = 0;
    /// CWP = 0, CANSAVE = CLEANWIN = NWINDOWS - 2, CANRESTORE = OTHERWIN = WSTATE = 0;
    /// RTBA = <paramref name="rtba"/> and TBA = RTBA (the reference's choice; the T1 HV zeroes it); queues and scratchpads 0; PC =
    /// <paramref name="pc"/>; running. The clock (<see cref="Cycle"/>) and the instruction
    /// count carry on.
    /// </summary>
    public void ResetToSun4vStart(ulong pc, ulong arg0, ulong raBase, ulong raSize, ulong rtba)
    {
        R = default;
        Array.Clear(_windowRegisters);
        Array.Clear(_globalSets);
        Cwp = 0;
        Gl = MaxPgl;
        CanSave = NWindows - 2;
        CleanWin = NWindows - 2;
        CanRestore = 0;
        OtherWin = 0;
        Wstate = 0;

        Y = 0;
        Ccr = 0;
        Asi = 0;
        Array.Clear(F);
        Fsr = 0;
        Fprs = 0;
        Gsr = 0;

        Array.Clear(Tpc);
        Array.Clear(Tnpc);
        Array.Clear(Tstate);
        Array.Clear(Tt);
        SetTl(MaxPtl);
        Pstate = Pstate.Priv;
        Pil = 15;
        Softint = 0;
        TickNpt = false;

        // UA2005: TICK_CMPR and STICK_CMPR come out of reset with INT_DIS set.
        TickCompare = CompareIntDis;
        StickCompare = CompareIntDis;
        Array.Clear(Scratchpad);
        Array.Clear(QueueRegisters);
        Tba = rtba & ~0x7fffUL; // TBA keeps bits 14:0 zero; guests set their own TBA anyway
        Rtba = rtba;
        FaultAddress = 0;

        SetRegister(8, arg0);      // %o0
        SetRegister(24, raBase);   // %i0
        SetRegister(25, raSize);   // %i1
        Pc = pc;
        Npc = pc + 4;
        RunState = StrandRunState.Running;
    }
}
