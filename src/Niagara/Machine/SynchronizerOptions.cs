namespace Niagara.Machine;

/// <summary>How the synchronizer drives a machine: quantum length, cycle limit and host threads.</summary>
public sealed record SynchronizerOptions
{
    /// <summary>
    /// Default quantum in cycles. Measured on this project's 2-core machine (release build, 32
    /// strand actors): a bare barrier round costs ~10 us on one host thread and ~25-30 us on two.
    /// At 100 MIPS per host thread an 8192-cycle quantum is 2.6 ms of work on one thread and
    /// 1.3 ms on each of two: barrier 2.5 % and 7 %. With the real machine (~300 MIPS per thread)
    /// deterministic mode stays within ~3 % of a plain loop; on two threads the boundary cost
    /// ~80 us a quantum while cores were fixed to threads, most of it the two threads finishing
    /// at different times, and ~50 us since idle threads take queued strands. Quanta of
    /// 16 K and 32 K cycles measured no better within this machine's noise, and a cross-call
    /// costs its sender up to one quantum (6.8 us at 1.2 GHz for 8192), so 8192 it is.
    /// </summary>
    public const ulong DefaultQuantum = 8192;

    /// <summary>No quantum is longer than this (so cycle arithmetic never nears overflow).</summary>
    public const ulong MaxQuantum = 1UL << 32;

    /// <summary>Cycles every strand advances per quantum.</summary>
    public ulong Quantum { get; init; } = DefaultQuantum;

    /// <summary>The run stops at this cycle if the guest has not ended it; <see cref="ulong.MaxValue"/> means no limit.</summary>
    public ulong MaxCycles { get; init; } = ulong.MaxValue;

    /// <summary>Strand actors run on this many host threads (<see cref="HostThreadPool"/>); 1 is deterministic mode.</summary>
    public int HostThreads { get; init; } = 1;
}
