namespace Niagara.Machine;

/// <summary>How the synchronizer drives a machine: quantum length, cycle limit and host threads.</summary>
public sealed record SynchronizerOptions
{
    /// <summary>
    /// Default quantum in cycles. Measured on this project's 2-core machine (release build, 32
    /// strand actors, a fake machine whose strands only spin): a barrier round costs ~10 us of
    /// wall time on one host thread and ~25 us on two; with strands doing work it is ~35-55 us
    /// and ~60-80 us (thread wake-ups, imbalance). At 100 MIPS per host thread a 8192-cycle
    /// quantum is 2.6 ms of work on one thread and 1.3 ms on each of two: barrier 2 % and 5 %
    /// (4096 gave 4 % and 11 %). At the interpreter's ~250 MIPS it is still ~12 % on two threads.
    /// A cross-call costs its sender at most one quantum: 6.8 us at 1.2 GHz.
    /// </summary>
    public const ulong DefaultQuantum = 8192;

    /// <summary>No quantum is longer than this (so cycle arithmetic never nears overflow).</summary>
    public const ulong MaxQuantum = 1UL << 32;

    /// <summary>Cycles every strand advances per quantum.</summary>
    public ulong Quantum { get; init; } = DefaultQuantum;

    /// <summary>The run stops at this cycle if the guest has not ended it; <see cref="ulong.MaxValue"/> means no limit.</summary>
    public ulong MaxCycles { get; init; } = ulong.MaxValue;

    /// <summary>Strand actors run on this many single-threaded dispatchers; 1 is deterministic mode.</summary>
    public int HostThreads { get; init; } = 1;
}
