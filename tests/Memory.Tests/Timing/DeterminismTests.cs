using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

/// <summary>The weave's result must not depend on which core's host thread ran first.</summary>
public class DeterminismTests
{
    private readonly record struct Op(int Strand, int Kind, ulong Address, ulong Cycle);

    /// <summary>Per core, per quantum, the accesses that core makes (its own order is fixed).</summary>
    private static List<Op>[][] Workload(int cores, int quanta, ulong quantum)
    {
        var rng = new Random(12345);
        var ops = new List<Op>[cores][];
        for (int c = 0; c < cores; c++)
        {
            ops[c] = new List<Op>[quanta];
            for (int q = 0; q < quanta; q++)
            {
                ops[c][q] = [];
                ulong t = (ulong)q * quantum;
                while (t < (ulong)(q + 1) * quantum)
                {
                    // A small shared footprint (sharing, bank and DRAM conflicts) plus private lines.
                    ulong addr = rng.Next(4) == 0 ? (ulong)rng.Next(0, 64 * 1024) : (ulong)(c + 1) * 0x100_0000 + (ulong)rng.Next(0, 1 << 22);
                    ops[c][q].Add(new Op(rng.Next(4), rng.Next(5), addr & ~7UL, t));
                    t += (ulong)rng.Next(1, 40);
                }
            }
        }
        return ops;
    }

    private enum CoreOrder { Forward, Reverse, Interleaved }

    private static (ulong[] Penalties, long[] Chip) Run(List<Op>[][] ops, CoreOrder order, ulong quantum)
    {
        var interleave = new Random(99);
        int cores = ops.Length;
        var chip = new T1MemoryTiming(MemoryTimingConfig.Default, cores);
        var penalties = new ulong[cores * 4];
        for (int q = 0; q < ops[0].Length; q++)
        {
            if (order == CoreOrder.Interleaved)
            {
                // As concurrent host threads would: cores' accesses mixed in an arbitrary order.
                var next = new int[cores];
                int left = 0;
                foreach (List<Op>[] core in ops)
                {
                    left += core[q].Count;
                }
                for (; left > 0; left--)
                {
                    int c;
                    do
                    {
                        c = interleave.Next(cores);
                    }
                    while (next[c] == ops[c][q].Count);
                    Apply(chip.Core(c), ops[c][q][next[c]++]);
                }
            }
            else
            {
                for (int k = 0; k < cores; k++)
                {
                    int c = order == CoreOrder.Reverse ? cores - 1 - k : k;
                    foreach (Op op in ops[c][q])
                    {
                        Apply(chip.Core(c), op);
                    }
                }
            }
            chip.EndQuantum((ulong)(q + 1) * quantum);
            for (int c = 0; c < cores; c++)
            {
                for (int s = 0; s < 4; s++)
                {
                    penalties[c * 4 + s] += chip.Core(c).TakeContentionPenalty(s);
                }
            }
        }
        MemoryTimingCounters m = chip.Counters;
        long[] summary = [.. m.L2Hits, .. m.L2Misses, .. m.L2Writebacks, .. m.DramWaitCycles, .. m.Pcx.WaitCycles,
            .. m.Cpx.WaitCycles, m.FpuWaitCycles, m.DirectoryInvalidations, m.InclusionInvalidations, m.ContentionCycles];
        return (penalties, summary);
    }

    private static void Apply(CoreMemoryPort p, Op op) => _ = op.Kind switch
    {
        0 => p.Fetch(op.Strand, op.Address, op.Cycle),
        1 => p.Store(op.Strand, op.Address, 8, op.Cycle),
        2 => p.Atomic(op.Strand, op.Address, 4, op.Cycle),
        3 => p.FloatingPoint(op.Strand, (FpOperation)(op.Address % 5), op.Cycle),
        _ => p.Load(op.Strand, op.Address, 8, op.Cycle),
    };

    [Fact]
    public void SameLogs_DifferentCoreOrder_SamePenaltiesAndCounters()
    {
        const ulong quantum = 2000;
        List<Op>[][] ops = Workload(cores: 8, quanta: 6, quantum);
        (ulong[] forward, long[] chipForward) = Run(ops, CoreOrder.Forward, quantum);
        (ulong[] backward, long[] chipBackward) = Run(ops, CoreOrder.Reverse, quantum);
        (ulong[] mixed, long[] chipMixed) = Run(ops, CoreOrder.Interleaved, quantum);
        Assert.Equal(forward, backward);
        Assert.Equal(chipForward, chipBackward);
        Assert.Equal(forward, mixed);
        Assert.Equal(chipForward, chipMixed);
        Assert.Contains(forward, p => p > 0); // the workload does contend
    }
}
