namespace Niagara.Memory.Timing;

/// <summary>One strand's memory-side counts. Written by its core's port (and at the boundary by the weave).</summary>
public sealed class StrandMemoryCounters
{
    public long L1IAccesses { get; internal set; }
    public long L1IMisses { get; internal set; }

    /// <summary>L1D lookups by loads (one per 16 B line a load touches; atomics are counted apart).</summary>
    public long L1DAccesses { get; internal set; }
    public long L1DMisses { get; internal set; }
    public long Stores { get; internal set; }
    public long Atomics { get; internal set; }

    /// <summary>Requests this strand sent to the L2 (L1 misses, stores, atomics) and those charged as L2 misses.</summary>
    public long L2Accesses { get; internal set; }
    public long L2Misses { get; internal set; }

    /// <summary>Stores that found the store buffer full, and the cycles the strand stalled for them.</summary>
    public long StoreBufferFullStalls { get; internal set; }
    public long StoreBufferStallCycles { get; internal set; }

    /// <summary>Cycles atomics and MEMBARs waited for the store buffer to drain.</summary>
    public long StoreBufferDrainCycles { get; internal set; }

    public long FpuOps { get; internal set; }

    /// <summary>Cycles FP ops waited for the core's one outstanding FP op.</summary>
    public long FpuWaitCycles { get; internal set; }

    /// <summary>Cycles charged at boundaries for queueing at shared resources (crossbar, L2 banks, DRAM, FPU).</summary>
    public long ContentionCycles { get; internal set; }
}

/// <summary>A core's memory-side counts, per strand and summed.</summary>
public sealed class CoreMemoryCounters
{
    public CoreMemoryCounters(int strands)
    {
        Strands = new StrandMemoryCounters[strands];
        for (int s = 0; s < strands; s++)
        {
            Strands[s] = new StrandMemoryCounters();
        }
    }

    public StrandMemoryCounters[] Strands { get; }

    public long L1IAccesses => Sum(static c => c.L1IAccesses);
    public long L1IMisses => Sum(static c => c.L1IMisses);
    public long L1DAccesses => Sum(static c => c.L1DAccesses);
    public long L1DMisses => Sum(static c => c.L1DMisses);
    public long Stores => Sum(static c => c.Stores);
    public long Atomics => Sum(static c => c.Atomics);
    public long L2Accesses => Sum(static c => c.L2Accesses);
    public long L2Misses => Sum(static c => c.L2Misses);
    public long StoreBufferFullStalls => Sum(static c => c.StoreBufferFullStalls);
    public long StoreBufferStallCycles => Sum(static c => c.StoreBufferStallCycles);
    public long FpuOps => Sum(static c => c.FpuOps);
    public long ContentionCycles => Sum(static c => c.ContentionCycles);

    // Reporting path only (not per access).
    private long Sum(Func<StrandMemoryCounters, long> field)
    {
        long total = 0;
        foreach (StrandMemoryCounters c in Strands)
        {
            total += field(c);
        }
        return total;
    }
}
