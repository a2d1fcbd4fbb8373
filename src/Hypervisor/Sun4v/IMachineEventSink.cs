namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// One hypervisor call as the strand saw it: the software trap number that entered the
/// hypervisor (0x80 for `ta 0x80`, 0x83.. for the hyper-fast traps, 0xff for `ta 0xff`: tt - 0x100), the function number
/// (%o5 for FAST_TRAP and CORE_TRAP, the trap number for hyper-fast traps), the status it left in
/// %o0, and the strand's cycles when it trapped and when it resumed (a call that waits for the
/// quantum boundary ends there).
/// </summary>
public readonly record struct HypercallEvent(int Strand, int TrapNumber, ulong Function, ulong Status, ulong BeginCycle, ulong EndCycle);

/// <summary>A trap a strand took: its type (TT), the trap level it entered, the strand's cycle and the trapping PC.</summary>
public readonly record struct TrapEvent(int Strand, int TrapType, int TrapLevel, ulong Cycle, ulong Pc);

/// <summary>
/// Receives what the machine does, for traces and metrics. Thread rule: a strand's events come
/// from whichever thread runs that strand (never two at once for one strand), or from the
/// single-threaded quantum boundary for calls that complete there; strands of different cores
/// report concurrently, so a sink that is shared between strands must be thread-safe.
/// </summary>
public interface IMachineEventSink
{
    void OnHypercall(in HypercallEvent call);

    void OnTrap(in TrapEvent trap);
}
