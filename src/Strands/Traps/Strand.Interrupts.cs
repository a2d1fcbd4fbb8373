using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    // QueueRegisters indices (ASI 0x25 VA 0x3c0 + 8 * index).
    public const int CpuMondoHead = 0, CpuMondoTail = 1, DevMondoHead = 2, DevMondoTail = 3;
    public const int ResumableHead = 4, ResumableTail = 5, NonresumableHead = 6, NonresumableTail = 7;

    /// <summary>SOFTINT.TICK_INT (bit 0): set when %tick reaches TICK_CMPR.</summary>
    public const ulong SoftintTick = 1UL << 0;

    /// <summary>SOFTINT.STICK_INT (bit 16): set when %stick reaches STICK_CMPR.</summary>
    public const ulong SoftintStick = 1UL << 16;

    /// <summary>
    /// True when a disrupting trap could be taken now: a mondo or resumable-error queue is
    /// not empty (HEAD != TAIL), or SOFTINT has a level above PIL; all gated by PSTATE.IE
    /// (sun4v reference §3: queue traps are gated by IE, not PIL).
    /// </summary>
    public bool InterruptPending() => (Pstate & Pstate.Ie) != 0 && NextInterrupt() is not null;

    /// <summary>
    /// True when a sleeping strand (cpu_yield, <see cref="StrandRunState.Idle"/>) wakes: the
    /// same conditions as <see cref="InterruptPending"/> but regardless of PSTATE.IE, because
    /// guests yield with IE clear (Linux arch_cpu_idle: "the sun4v sleeping code requires that
    /// we have PSTATE.IE cleared over the cpu sleep hypervisor call") and take the interrupt
    /// when they set IE again after the call returns.
    /// </summary>
    public bool WakeupPending() => NextInterrupt() is not null;

    /// <summary>
    /// Takes the highest-priority pending disrupting trap, if any. Called between
    /// instructions: at the start of every run slice; handlers that may unmask an interrupt
    /// (WRPR %pstate/%pil, DONE/RETRY, SOFTINT writes, queue HEAD stores) end the slice.
    /// </summary>
    public void TakePendingInterrupt()
    {
        if (InterruptPending() && NextInterrupt() is { } trap)
        {
            InsnPc = Pc;
            RaiseTrap(trap, Pc, Npc);
        }
    }

    /// <summary>
    /// Ends the run slice after the executing instruction when it made an interrupt
    /// pending, so <see cref="RunUntil"/> takes it before the next instruction.
    /// </summary>
    public void YieldIfInterruptPending()
    {
        if (InterruptPending())
        {
            Yield();
        }
    }

    private TrapType? NextInterrupt()
    {
        // UA2005 table 12-4 priorities: cpu_mondo (16.08), dev_mondo (16.11),
        // interrupt_level_n (32 - n), resumable_error (33.3). The T1 hardware does not watch
        // the nonresumable queue (its HV vectors the guest to 0x7f itself).
        if (QueueRegisters[CpuMondoHead] != QueueRegisters[CpuMondoTail])
        {
            return TrapType.CpuMondo;
        }

        if (QueueRegisters[DevMondoHead] != QueueRegisters[DevMondoTail])
        {
            return TrapType.DevMondo;
        }

        // SOFTINT bits 15:1 are levels; TICK_INT (bit 0) and STICK_INT (bit 16) are level 14.
        ulong levels = Softint & 0xfffe;
        if ((Softint & (SoftintTick | SoftintStick)) != 0)
        {
            levels |= 1UL << 14;
        }

        for (int level = 15; level > Pil; level--)
        {
            if ((levels & (1UL << level)) != 0)
            {
                return (TrapType)((int)TrapType.InterruptLevel1 + level - 1);
            }
        }

        if (QueueRegisters[ResumableHead] != QueueRegisters[ResumableTail])
        {
            return TrapType.ResumableError;
        }

        return null;
    }
}
