namespace Niagara.Hypervisor.Machine;

/// <summary>
/// A sun4v machine as the time synchronizer drives it (docs/ARCHITECTURE.md, "Machine mode:
/// the quantum protocol"). Simulated time advances in quanta: every strand runs to the end of
/// the quantum, then one single-threaded boundary step applies everything that crosses
/// strands (cross-calls, cpu_start/stop, mach_exit) in a fixed order. Because nothing crosses
/// strands inside a quantum, the results do not depend on how strands were spread over host
/// threads.
/// </summary>
public interface IQuantumMachine
{
    /// <summary>Strand ids of the configured strands (core * 4 + strand), ascending.</summary>
    IReadOnlyList<int> StrandIds { get; }

    /// <summary>
    /// Runs strand <paramref name="strandId"/> until its local clock reaches
    /// <paramref name="untilCycle"/> (or it stops, idles or waits for the boundary).
    /// May be called concurrently for strands of different cores, never for two strands of
    /// one core at once. Returns the instructions it executed.
    /// </summary>
    ulong RunStrand(int strandId, ulong untilCycle);

    /// <summary>
    /// Between quanta only (no strand running): true when <see cref="RunStrand"/>(<paramref name="strandId"/>,
    /// <paramref name="untilCycle"/>) can issue no instruction whatever the other strands do in
    /// the quantum, and would only move the strand's clock (stopped, halted, waiting for the
    /// boundary, or asleep with nothing due). The synchronizer then runs it right there, on its
    /// own thread, instead of sending its actor a message: same call, same effect.
    /// </summary>
    bool IsParked(int strandId, ulong untilCycle);

    /// <summary>The boundary step at <paramref name="cycle"/>: single-threaded, deterministic.</summary>
    void EndQuantum(ulong cycle);

    /// <summary>True once the guest ended the machine (mach_exit, all strands stopped, error).</summary>
    bool Finished { get; }
}
