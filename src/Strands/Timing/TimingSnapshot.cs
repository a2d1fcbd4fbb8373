using Niagara.Memory.Timing;

namespace Niagara.Strands.Timing;

/// <summary>One strand's timing figures (plain data for reports and metrics).</summary>
/// <param name="StrandId">The strand id (core * 4 + strand).</param>
/// <param name="Cycles">Cycles the strand was simulated in timing mode (the sum of its CPI stack).</param>
/// <param name="Instructions">Instructions it issued.</param>
/// <param name="Stack">Where its cycles went.</param>
/// <param name="Memory">Its memory-side counts (L1/L2 accesses and misses, store buffer, FPU).</param>
public sealed record StrandTimingSnapshot(int StrandId, ulong Cycles, ulong Instructions, CpiStack Stack, StrandMemoryCounters Memory)
{
    public double Ipc => Cycles == 0 ? 0 : (double)Instructions / Cycles;
}

/// <summary>One core's figures: its strands share one issue slot, so its IPC is at most 1.</summary>
/// <param name="Core">Core number.</param>
/// <param name="Cycles">Cycles of the core (its longest strand clock).</param>
/// <param name="Instructions">Instructions its strands issued.</param>
/// <param name="L1IAccesses">L1I lookups (one per 32-byte fetch line).</param>
/// <param name="L1IMisses">L1I misses.</param>
/// <param name="L1DAccesses">L1D load lookups.</param>
/// <param name="L1DMisses">L1D load misses.</param>
/// <param name="L2Accesses">Requests the core sent to the L2.</param>
/// <param name="L2Misses">Those that missed the L2 (as charged during the quanta).</param>
public sealed record CoreTimingSnapshot(
    int Core, ulong Cycles, ulong Instructions,
    long L1IAccesses, long L1IMisses, long L1DAccesses, long L1DMisses, long L2Accesses, long L2Misses)
{
    public double Ipc => Cycles == 0 ? 0 : (double)Instructions / Cycles;

    public double L1IMissRate => Rate(L1IMisses, L1IAccesses);

    public double L1DMissRate => Rate(L1DMisses, L1DAccesses);

    public double L1IMpki => PerKilo(L1IMisses, Instructions);

    public double L1DMpki => PerKilo(L1DMisses, Instructions);

    public double L2Mpki => PerKilo(L2Misses, Instructions);

    internal static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    internal static double PerKilo(long events, ulong instructions) => instructions == 0 ? 0 : events * 1000.0 / instructions;
}

/// <summary>
/// What the timing model measured over a run: per strand, per core and chip-wide. Built once at
/// the end (or whenever a reader asks between quanta); the run report and the telemetry read it.
/// </summary>
/// <param name="Schedule">Parallel scheme or the cycle-by-cycle reference.</param>
/// <param name="Strands">The configured strands, by id.</param>
/// <param name="Cores">Cores with at least one configured strand.</param>
/// <param name="Memory">The chip's shared memory-side counts (L2 banks, crossbars, DRAM, FPU), as of the last boundary.</param>
/// <param name="LineBytes">L2 line size, for DRAM bandwidth.</param>
public sealed record TimingSnapshot(
    TimingSchedule Schedule,
    IReadOnlyList<StrandTimingSnapshot> Strands,
    IReadOnlyList<CoreTimingSnapshot> Cores,
    MemoryTimingCounters Memory,
    int LineBytes)
{
    public ulong Instructions
    {
        get
        {
            ulong total = 0;
            foreach (CoreTimingSnapshot core in Cores)
            {
                total += core.Instructions;
            }

            return total;
        }
    }

    /// <summary>L2 misses per L2 access, chip-wide (weave counts).</summary>
    public double L2MissRate => CoreTimingSnapshot.Rate(Memory.TotalL2Misses, Memory.TotalL2Hits + Memory.TotalL2Misses);

    public double L2Mpki => CoreTimingSnapshot.PerKilo(Memory.TotalL2Misses, Instructions);

    /// <summary>Average share of cycles a crossbar destination was busy (a destination takes one packet per cycle).</summary>
    public static double Utilisation(long[] busy, ulong cycles)
    {
        ArgumentNullException.ThrowIfNull(busy);
        if (cycles == 0 || busy.Length == 0)
        {
            return 0;
        }

        long total = 0;
        foreach (long b in busy)
        {
            total += b;
        }

        return (double)total / busy.Length / cycles;
    }

    /// <summary>Bytes DRAM moved (line reads and write-backs).</summary>
    public long DramBytes
    {
        get
        {
            long lines = 0;
            for (int i = 0; i < Memory.DramReads.Length; i++)
            {
                lines += Memory.DramReads[i] + Memory.DramWrites[i];
            }

            return lines * LineBytes;
        }
    }
}
