namespace Niagara.Memory.Timing;

/// <summary>
/// Chip-wide counts of the shared memory side, updated only at quantum boundaries (so they cover
/// the requests of completed quanta). Arrays are indexed by L2 bank, crossbar destination, core
/// or DRAM controller as named.
/// </summary>
public sealed class MemoryTimingCounters
{
    public MemoryTimingCounters(int banks, int cores, int controllers)
    {
        L2Hits = new long[banks];
        L2Misses = new long[banks];
        L2Writebacks = new long[banks];
        L2BankWaitCycles = new long[banks];
        DramReads = new long[controllers];
        DramWrites = new long[controllers];
        DramBusyCycles = new long[controllers];
        DramWaitCycles = new long[controllers];
        Pcx = new CrossbarCounters(banks + 1);
        Cpx = new CrossbarCounters(cores);
    }

    /// <summary>Cycle of the last boundary (the time the counters cover, for utilisation).</summary>
    public ulong Cycles { get; internal set; }

    public long[] L2Hits { get; }
    public long[] L2Misses { get; }

    /// <summary>Dirty lines evicted and written to DRAM.</summary>
    public long[] L2Writebacks { get; }

    /// <summary>Cycles requests waited for a busy bank.</summary>
    public long[] L2BankWaitCycles { get; }

    /// <summary>Core-to-cache crossbar; destinations are the L2 banks, then the shared FPU/IOB port.</summary>
    public CrossbarCounters Pcx { get; }

    /// <summary>Cache-to-core crossbar; destinations are the cores.</summary>
    public CrossbarCounters Cpx { get; }

    /// <summary>Line reads (L2 fills) and writes (write-backs) per DRAM controller.</summary>
    public long[] DramReads { get; }
    public long[] DramWrites { get; }

    /// <summary>Cycles each controller's data bus was transferring (utilisation = busy / Cycles).</summary>
    public long[] DramBusyCycles { get; }
    public long[] DramWaitCycles { get; }

    public long FpuOps { get; internal set; }
    public long FpuWaitCycles { get; internal set; }

    /// <summary>L1 lines invalidated because another core (or an atomic) wrote them.</summary>
    public long DirectoryInvalidations { get; internal set; }

    /// <summary>L1 lines invalidated because the L2 evicted their line (the L2 includes the L1s).</summary>
    public long InclusionInvalidations { get; internal set; }

    /// <summary>Cycles charged to strands as contention, in total.</summary>
    public long ContentionCycles { get; internal set; }

    /// <summary>
    /// Cycles strands were charged beyond what the replay found (a core charged DRAM for a line
    /// another core had brought into the L2 earlier in the same quantum): the bound-weave
    /// scheme's error in the slow direction, which it cannot take back.
    /// </summary>
    public long OverchargedCycles { get; internal set; }

    /// <summary>Cycles store acks returned later than the store buffers assumed (fed back into them).</summary>
    public long StoreDelayCycles { get; internal set; }

    /// <summary>
    /// Requests served without a reservation because they fell beyond a resource calendar's
    /// window (a strand clock far ahead of the others); 0 in normal runs.
    /// </summary>
    public long CalendarOverflows { get; internal set; }

    public long TotalL2Hits => Sum(L2Hits);
    public long TotalL2Misses => Sum(L2Misses);

    private static long Sum(long[] a)
    {
        long t = 0;
        foreach (long v in a)
        {
            t += v;
        }
        return t;
    }
}

/// <summary>Per-destination counts of one crossbar direction.</summary>
public sealed class CrossbarCounters
{
    public CrossbarCounters(int destinations)
    {
        Packets = new long[destinations];
        WaitCycles = new long[destinations];
    }

    /// <summary>Packets delivered (a destination takes one per cycle, so this is also its busy cycles).</summary>
    public long[] Packets { get; }

    /// <summary>Cycles requests waited for arbitration beyond the first possible grant.</summary>
    public long[] WaitCycles { get; }
}
