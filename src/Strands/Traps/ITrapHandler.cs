namespace Niagara.Strands.Traps;

/// <summary>
/// Whoever runs above the strand: the Linux process layer in process mode, the hypervisor in
/// machine mode. The strand never knows which (ARCHITECTURE.md: Strands does not reference the
/// hypervisor); it offers each trap here first.
/// </summary>
public interface ITrapHandler
{
    /// <summary>
    /// Offered every trap. <paramref name="trapPc"/> and <paramref name="trapNpc"/> are the
    /// trapping instruction's PC and nPC (TPC/TNPC). Returns true when the trap was handled
    /// here (the handler has set the strand's PC/nPC, or halted it); false to deliver it to the
    /// guest's own trap table.
    /// </summary>
    bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc);

    /// <summary>
    /// A guest store to a queue HEAD register (ASI_QUEUE 0x25) has just moved HEAD of queue
    /// <paramref name="queueIndex"/> (0 cpu mondo, 1 dev mondo, 2 resumable, 3 nonresumable) to
    /// <paramref name="head"/>. For tracing (the "handled" stamp of a cross-call); the strand
    /// has already updated its register and ends its run slice after the store.
    /// </summary>
    void OnQueueHeadWritten(Strand strand, int queueIndex, ulong head)
    {
    }

    /// <summary>
    /// The strand has just taken a guest watchdog reset (<see cref="Strand.GuestWatchdogReset"/>):
    /// it now executes at RTBA + 0x40 with TL = MAXPTL. The machine turns the MMU off here
    /// (T1 HV watchdog_guest clears the LSU control IM/DM bits) and may trace it.
    /// </summary>
    void OnWatchdogReset(Strand strand, TrapType cause)
    {
    }
}
