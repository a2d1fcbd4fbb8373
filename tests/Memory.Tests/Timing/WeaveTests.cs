using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

/// <summary>The boundary step: shared state updates, directory, contention charged back to strands.</summary>
public class WeaveTests
{
    private static T1MemoryTiming Chip(int cores = 8) => new(MemoryTimingConfig.Default, cores);

    [Fact]
    public void Directory_StoreFromAnotherCore_InvalidatesAtTheBoundary()
    {
        T1MemoryTiming chip = Chip();
        const ulong x = 0x30_0000;
        chip.Core(0).Load(0, x, 8, 0);
        chip.EndQuantum(1000);
        Assert.Equal(3, chip.Core(0).Load(0, x, 8, 1000));
        chip.Core(1).Store(2, x + 4, 4, 1100);
        Assert.Equal(3, chip.Core(0).Load(0, x, 8, 1200)); // bound: the invalidation lands at the boundary
        chip.EndQuantum(2000);
        Assert.Equal(23, chip.Core(0).Load(0, x, 8, 2000)); // L1 miss, L2 hit
        Assert.Equal(1, chip.Counters.DirectoryInvalidations);
    }

    [Fact]
    public void Directory_StoreInvalidatesInstructionCopiesEverywhere_ButNotTheWritersDataCopy()
    {
        T1MemoryTiming chip = Chip();
        const ulong x = 0x31_0000;
        chip.Core(0).Load(0, x, 8, 0);
        chip.Core(0).Fetch(0, x, 0);
        chip.Core(1).Fetch(0, x, 0);
        chip.EndQuantum(1000);
        chip.Core(0).Store(0, x, 4, 1000);
        chip.EndQuantum(2000);
        Assert.Equal(3, chip.Core(0).Load(0, x, 8, 2000));
        Assert.Equal(22, chip.Core(0).Fetch(0, x, 2000));
        Assert.Equal(22, chip.Core(1).Fetch(0, x, 2000));
    }

    [Fact]
    public void L2Eviction_InvalidatesL1Copies_AndWritesBackDirtyLines()
    {
        T1MemoryTiming chip = Chip();
        const ulong stride = 256 * 1024; // same L2 bank and set
        chip.Core(0).Load(0, 0, 8, 0);
        chip.Core(2).Store(0, stride, 8, 0);
        chip.EndQuantum(10_000);
        for (ulong i = 2; i <= 12; i++)
        {
            chip.Core(1).Load(0, i * stride, 8, 10_000 + i * 200); // 12 ways: the 13th line evicts line 0
        }
        chip.EndQuantum(20_000);
        Assert.Equal(129, chip.Core(0).Load(0, 0, 8, 20_000)); // gone from L2 and (inclusion) from L1
        chip.EndQuantum(30_000);                            // ...and its refill evicts the dirty line
        Assert.Equal(1, chip.Counters.L2Writebacks[0]);
        Assert.Equal(1, chip.Counters.DramWrites[0]);
        Assert.True(chip.Counters.InclusionInvalidations >= 1);
        Assert.Equal(14, chip.Counters.L2Misses[0]);
    }

    [Fact]
    public void Contention_SameBankSameCycle_SecondCoreIsCharged()
    {
        T1MemoryTiming chip = Chip();
        Assert.Equal(129, chip.Core(0).Load(0, 0x000, 8, 100));
        Assert.Equal(129, chip.Core(1).Load(0, 0x100, 8, 100)); // bank 0 too
        chip.EndQuantum(1000);
        Assert.Equal(0UL, chip.Core(0).TakeContentionPenalty(0));
        // PCX 1 (one packet per cycle) + bank 1 (2-cycle data array) + DRAM bus 10 (12-cycle line transfer).
        Assert.Equal(12UL, chip.Core(1).TakeContentionPenalty(0));
        Assert.Equal(0UL, chip.Core(1).TakeContentionPenalty(0)); // taken and cleared
        Assert.Equal(12, chip.Counters.ContentionCycles);
        Assert.Equal(1, chip.Counters.Pcx.WaitCycles[0]);
        Assert.Equal(1, chip.Counters.L2BankWaitCycles[0]);
        Assert.Equal(10, chip.Counters.DramWaitCycles[0]);
        Assert.Equal(12, chip.Core(1).Counters.ContentionCycles);
    }

    [Fact]
    public void Contention_TwoResponsesToOneCoreInOneCycle_QueueOnTheCpx()
    {
        T1MemoryTiming chip = Chip();
        CoreMemoryPort p = chip.Core(0);
        p.Load(0, 0x000, 8, 0);
        p.Load(1, 0x040, 8, 0);
        chip.EndQuantum(1000);
        p.TakeContentionPenalty(0);
        p.TakeContentionPenalty(1);
        for (ulong i = 1; i <= 4; i++) // evict both lines from the L1D (sets 0 and 4)
        {
            p.Load(2, i * 2048, 8, 1000 + i * 10);
            p.Load(2, 0x40 + i * 2048, 8, 1000 + i * 10);
        }
        chip.EndQuantum(2000);
        Assert.Equal(23, p.Load(0, 0x000, 8, 3000)); // bank 0
        Assert.Equal(23, p.Load(1, 0x040, 8, 3000)); // bank 1: no PCX or bank conflict
        chip.EndQuantum(4000);
        Assert.Equal(0UL, p.TakeContentionPenalty(0));
        Assert.Equal(1UL, p.TakeContentionPenalty(1));
        Assert.True(chip.Counters.Cpx.WaitCycles[0] >= 1);
    }

    [Fact]
    public void Fpu_SharedAcrossCores_QueuesAtTheBoundary()
    {
        T1MemoryTiming chip = Chip();
        Assert.Equal(54, chip.Core(0).FloatingPoint(0, FpOperation.DivideSingle, 100));
        Assert.Equal(54, chip.Core(1).FloatingPoint(0, FpOperation.DivideSingle, 100));
        chip.EndQuantum(1000);
        Assert.Equal(0UL, chip.Core(0).TakeContentionPenalty(0));
        // Two 2-packet requests on the shared FPU port (2), then the divider busy for 32 cycles (30 more).
        Assert.Equal(32UL, chip.Core(1).TakeContentionPenalty(0));
        Assert.Equal(2, chip.Counters.FpuOps);
    }

    [Fact]
    public void Counters_CountL2HitsAndMissesPerBank()
    {
        T1MemoryTiming chip = Chip();
        chip.Core(0).Load(0, 0x40, 8, 0);   // bank 1 miss
        chip.Core(1).Load(0, 0x48, 8, 500); // bank 1: the line core 0 brought in
        chip.Core(0).Fetch(0, 0xC0, 0);     // bank 3 miss
        chip.EndQuantum(1000);
        Assert.Equal(1, chip.Counters.L2Misses[1]);
        Assert.Equal(1, chip.Counters.L2Hits[1]);
        Assert.Equal(1, chip.Counters.L2Misses[3]);
        Assert.Equal(3, chip.Counters.TotalL2Hits + chip.Counters.TotalL2Misses);
        Assert.Equal(1000UL, chip.Counters.Cycles);
        Assert.Equal(1 + 1 + 2, chip.Counters.Cpx.Packets.Sum()); // an I$ fill is two packets
    }

    [Fact]
    public void StoreContention_IsFedIntoTheStoreBuffer_NotChargedDirectly()
    {
        T1MemoryTiming chip = Chip();
        for (ulong k = 0; k < 8; k++)
        {
            chip.Core(2).Load(0, 0x100 * k, 8, k * 200);            // warm the lines into the L2 (bank 0)
            chip.Core(2).Load(0, 0x10000 + 0x100 * k, 8, k * 200 + 100);
        }
        chip.EndQuantum(2000);
        for (ulong k = 0; k < 8; k++)
        {
            Assert.Equal(0, chip.Core(0).Store(0, 0x100 * k, 8, 2000));
            Assert.Equal(0, chip.Core(1).Store(0, 0x10000 + 0x100 * k, 8, 2000));
        }
        chip.EndQuantum(2100);
        Assert.Equal(0UL, chip.Core(1).TakeContentionPenalty(0));
        // Core 1's stores each lose 2 cycles (PCX and bank) to core 0's: its 8th ack is 16 late.
        Assert.Equal(16, chip.Counters.StoreDelayCycles);
        Assert.Equal(2000 + 8 * 23 - 2100, chip.Core(0).DrainStores(0, 2100));
        Assert.Equal(2000 + 8 * 23 + 16 - 2100, chip.Core(1).DrainStores(0, 2100));
    }

    [Fact]
    public void Overcharge_LineAnotherCoreFetchedThisQuantum_IsCountedNotRefunded()
    {
        T1MemoryTiming chip = Chip();
        chip.Core(0).Load(0, 0x5000, 8, 0);
        Assert.Equal(129, chip.Core(1).Load(0, 0x5000, 8, 500)); // core 1 cannot see core 0's fill yet
        chip.EndQuantum(1000);
        Assert.Equal(0UL, chip.Core(1).TakeContentionPenalty(0));
        Assert.Equal(129 - 23, chip.Counters.OverchargedCycles);
    }

    [Fact]
    public void LongIdleGapAndAStrandFarAhead_NeitherAllocateHugeCalendarsNorRunAway()
    {
        T1MemoryTiming chip = Chip();
        chip.Core(0).Load(0, 0x6000, 8, 0);
        chip.EndQuantum(8192);
        chip.EndQuantum(50_000_000_000); // the machine idled for a long time
        chip.Core(0).Load(0, 0x7000, 8, 50_000_000_000);
        chip.Core(1).Load(0, 0x7100, 8, 50_000_000_000);
        chip.Core(2).Load(0, 0x7200, 8, 90_000_000_000); // a clock far beyond any window
        chip.EndQuantum(50_000_008_192);
        Assert.Equal(0UL, chip.Core(0).TakeContentionPenalty(0));
        Assert.Equal(12UL, chip.Core(1).TakeContentionPenalty(0)); // the same queueing as at cycle 100
        Assert.Equal(0UL, chip.Core(2).TakeContentionPenalty(0));
        Assert.True(chip.Counters.CalendarOverflows > 0); // core 2's request was beyond every window
    }
}
