using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>
/// One hypervisor call as the strand saw it: the trap that entered the hypervisor (`ta 0x80`,
/// `ta 0x83`, `ta 0xff` ...), the function number (%o5 for FAST_TRAP and CORE_TRAP, 0 for the
/// hyper-fast MMU traps), the status it returned in %o0, and the strand's cycles when it
/// trapped and when it resumed (a call that waits for the quantum boundary ends there).
/// </summary>
public readonly record struct HypercallRecord(
    int Strand,
    int TrapNumber,
    ulong Function,
    ulong Status,
    ulong BeginCycle,
    ulong EndCycle);

/// <summary>A trap a strand took: its type (TT), the trap level it entered, the strand's cycle and the trapping PC.</summary>
public readonly record struct TrapRecord(int Strand, ushort TrapType, int TrapLevel, ulong Cycle, ulong Pc);

/// <summary>
/// One cross-call: a mondo from <see cref="Sender"/> to <see cref="Target"/> (a cpu_mondo_send
/// to n targets is n of these, recorded one after another). Stamps in simulated cycles
/// (docs/ARCHITECTURE.md, "Cross-call trace stamps"); a null stamp did not happen before the
/// run ended. Stamps that exist are ordered send &lt;= accept &lt;= deliver &lt;= trap &lt;= handled.
/// A mondo the guest polled out of its queue with interrupts off is handled without a trap.
/// </summary>
/// <param name="Id">Unique per trace (the machine's acceptance sequence number).</param>
/// <param name="SendCycle">The sender's cycle at the cpu_mondo_send that got the mondo accepted.</param>
/// <param name="AcceptCycle">The quantum boundary that put the mondo into the target's mailbox (the sender resumes there).</param>
/// <param name="DeliverCycle">When it entered the target's cpu-mondo queue.</param>
/// <param name="TrapCycle">The target's cycle when it took trap 0x7c for it.</param>
/// <param name="HandledCycle">The target's cycle when its store to the queue HEAD moved past it.</param>
/// <param name="Retries">The sender's earlier calls that answered EWOULDBLOCK for this target before this one was accepted.</param>
public readonly record struct CrossCallRecord(
    long Id,
    int Sender,
    int Target,
    ulong SendCycle,
    ulong AcceptCycle,
    ulong? DeliverCycle,
    ulong? TrapCycle,
    ulong? HandledCycle,
    CrossCallStatus Status,
    int Retries);

/// <summary>
/// The cross-call service's call counters (calls refused outright leave no <see cref="CrossCallRecord"/>,
/// so the summary takes their numbers from here).
/// </summary>
/// <param name="Calls">cpu_mondo_send calls, refused ones included.</param>
/// <param name="WouldBlock">Calls that returned EWOULDBLOCK (a target's mailbox was busy).</param>
/// <param name="BusyEntries">Target entries skipped because the mailbox was busy.</param>
/// <param name="Errors">Calls that returned another error (ENOCPU, EINVAL, ...).</param>
public readonly record struct CrossCallServiceCounts(long Calls, long WouldBlock, long BusyEntries, long Errors);
