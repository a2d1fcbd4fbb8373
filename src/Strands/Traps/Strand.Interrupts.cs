using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    // QueueRegisters indices (ASI 0x25 VA 0x3c0 + 8 * index).
    public const int CpuMondoHead = 0, CpuMondoTail = 1, DevMondoHead = 2, DevMondoTail = 3;
    public const int ResumableHead = 4, ResumableTail = 5, NonresumableHead = 6, NonresumableTail = 7;

    /// <summary>
    /// True when a disrupting trap could be taken now: a mondo or resumable-error queue is
    /// not empty (HEAD != TAIL), or SOFTINT has a level above PIL; all gated by PSTATE.IE
    /// (sun4v reference §3: queue traps are gated by IE, not PIL).
    /// </summary>
    public bool InterruptPending() => NextInterrupt() is not null;

    /// <summary>
    /// Takes the highest-priority pending disrupting trap, if any. Called between
    /// instructions: at the start of every run slice, and by handlers that unmask interrupts
    /// (WRPR %pstate/%pil, stores to queue HEAD, writes to SOFTINT) after they end the slice.
    /// </summary>
    public void TakePendingInterrupt()
    {
        if (NextInterrupt() is { } trap)
        {
            InsnPc = Pc;
            RaiseTrap(trap, Pc, Npc);
        }
    }

    private TrapType? NextInterrupt()
    {
        if ((Pstate & Pstate.Ie) == 0)
        {
            return null;
        }

        // UA2005 table 12-x priorities: queue traps (0x7c-0x7e) before interrupt_level_n.
        if (QueueRegisters[CpuMondoHead] != QueueRegisters[CpuMondoTail])
        {
            return TrapType.CpuMondo;
        }

        if (QueueRegisters[DevMondoHead] != QueueRegisters[DevMondoTail])
        {
            return TrapType.DevMondo;
        }

        if (QueueRegisters[ResumableHead] != QueueRegisters[ResumableTail])
        {
            return TrapType.ResumableError;
        }

        // SOFTINT bits 15:1 are levels; TICK_INT (bit 0) and STICK_INT (bit 16) are level 14.
        ulong levels = Softint & 0xfffe;
        if ((Softint & 0x10001) != 0)
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

        return null;
    }
}
