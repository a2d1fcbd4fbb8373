namespace Niagara.Strands;

/// <summary>
/// Privileged state of UA2005 as a sun4v guest sees it (chapter 5.7): the trap stack, TBA,
/// PIL, SOFTINT, TICK/STICK compare, and the scratchpad and queue registers.
/// Hyperprivileged state is the hypervisor's (C#) and is not visible here.
/// </summary>
public sealed partial class Strand
{
    /// <summary>MAXTL on the T1.</summary>
    public const int MaxTl = 6;

    /// <summary>MAXPTL: the highest TL privileged software may reach (UA2005 5.7.9).</summary>
    public const int MaxPtl = 2;

    /// <summary>MAXPGL: the highest GL a privileged trap selects.</summary>
    public const int MaxPgl = 2;

    public int Tl;

    // Index 1..MaxTl; entry 0 unused so that [Tl] reads the current level.
    public readonly ulong[] Tpc = new ulong[MaxTl + 1];
    public readonly ulong[] Tnpc = new ulong[MaxTl + 1];
    public readonly ulong[] Tstate = new ulong[MaxTl + 1];
    public readonly ushort[] Tt = new ushort[MaxTl + 1];

    /// <summary>Trap base address; bits 14:0 always zero.</summary>
    public ulong Tba;

    public int Pil;

    /// <summary>SOFTINT: bit 0 TICK_INT, bits 15:1 interrupt levels, bit 16 STICK_INT.</summary>
    public ulong Softint;

    /// <summary>TICK.NPT (bit 63) makes %tick unreadable to nonprivileged code.</summary>
    public bool TickNpt;

    public ulong TickCompare;
    public ulong StickCompare;

    /// <summary>Scratchpad registers reached through ASI_SCRATCHPAD (0x20), VA 0x00..0x38.</summary>
    public readonly ulong[] Scratchpad = new ulong[8];

    /// <summary>
    /// Mondo queue head/tail registers reached through ASI_QUEUE (0x25), in the order of
    /// their VAs 0x3c0..0x3f8: cpu mondo head, tail; dev mondo head, tail; resumable error
    /// head, tail; nonresumable error head, tail.
    /// </summary>
    public readonly ulong[] QueueRegisters = new ulong[8];

    /// <summary>
    /// The guest's real-mode trap base address (RTBA): its reset vectors (watchdog at
    /// RTBA + 0x40) run from here with the MMU off. Set by <see cref="ResetToSun4vStart"/>
    /// and by the hypervisor's cpu_set_rtba; null in process mode (no real-mode trap table).
    /// </summary>
    public ulong? Rtba;

    /// <summary>
    /// True from a guest watchdog reset until TL drops below MAXPTL again (DONE, RETRY or
    /// WRPR %tl). A trap in that window would re-enter the watchdog vector forever.
    /// </summary>
    public bool InWatchdogReset { get; private set; }

    public bool Privileged => (Pstate & State.Pstate.Priv) != 0;

    /// <summary>Sets TL (DONE/RETRY, WRPR %tl); leaving MAXPTL ends a watchdog reset.</summary>
    public void SetTl(int tl)
    {
        Tl = tl;
        if (tl < MaxPtl)
        {
            InWatchdogReset = false;
        }
    }

    /// <summary>TSTATE layout (UA2005 table 5-x): GL 42:40, CCR 39:32, ASI 31:24, PSTATE 20:8, CWP 4:0.</summary>
    public ulong PackTstate() =>
        ((ulong)(uint)Gl << 40) | ((ulong)Ccr << 32) | ((ulong)Asi << 24) | ((ulong)(ushort)Pstate << 8) | (uint)Cwp;

    /// <summary>Restores GL, CCR, ASI, PSTATE and CWP from a TSTATE value (DONE/RETRY).</summary>
    public void UnpackTstate(ulong tstate)
    {
        SetGl((int)((tstate >> 40) & 7));
        Ccr = (byte)(tstate >> 32);
        Asi = (byte)(tstate >> 24);
        Pstate = (State.Pstate)((tstate >> 8) & 0x1fff);
        SetCwp((int)(tstate & 0x1f));
    }
}
