using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

/// <summary>Uncontended latencies a core sees through its port, against the reference's numbers.</summary>
public class PortLatencyTests
{
    private static T1MemoryTiming Chip(int cores = 8) => new(MemoryTimingConfig.Default, cores);

    [Fact]
    public void Load_Cold_CostsDram_Repeated_CostsL1Hit()
    {
        CoreMemoryPort p = Chip().Core(0);
        Assert.Equal(129, p.Load(0, 0x10_0000, 8, 1000));
        Assert.Equal(3, p.Load(0, 0x10_0008, 8, 2000));
        StrandMemoryCounters c = p.Counters.Strands[0];
        Assert.Equal(2, c.L1DAccesses);
        Assert.Equal(1, c.L1DMisses);
        Assert.Equal(1, c.L2Misses);
    }

    [Fact]
    public void Load_EvictedFromL1ButInL2_CostsL2Latency()
    {
        T1MemoryTiming chip = Chip();
        CoreMemoryPort p = chip.Core(0);
        const ulong x = 0x20_0000;
        p.Load(0, x, 8, 0);
        chip.EndQuantum(10_000);
        for (ulong i = 1; i <= 4; i++)
        {
            p.Load(0, x + i * 2048, 8, 10_000 + i * 200); // 4 more lines in x's L1D set evict it
        }
        Assert.Equal(23, p.Load(0, x, 8, 12_000));
    }

    [Fact]
    public void Load_RefetchedInTheSameQuantum_IsChargedAsL2Hit()
    {
        CoreMemoryPort p = Chip().Core(0);
        const ulong x = 0x20_0000;
        Assert.Equal(129, p.Load(0, x, 8, 0));
        for (ulong i = 1; i <= 4; i++)
        {
            p.Load(0, x + i * 2048, 8, i * 200);
        }
        Assert.Equal(23, p.Load(0, x, 8, 2000)); // the line this core brought into the L2
    }

    [Fact]
    public void Load_WhileAnotherStrandsFillIsInFlight_WaitsForIt()
    {
        CoreMemoryPort p = Chip().Core(0);
        Assert.Equal(129, p.Load(0, 0x4000, 8, 100));
        Assert.Equal(129 - 10, p.Load(1, 0x4000, 8, 110));
        Assert.Equal(3, p.Load(1, 0x4000, 8, 300));
    }

    [Fact]
    public void Load_BlockSpanningFourLines_TouchesEach()
    {
        CoreMemoryPort p = Chip().Core(0);
        Assert.Equal(129, p.Load(0, 0x8000, 64, 0));
        Assert.Equal(4, p.Counters.Strands[0].L1DMisses);
        Assert.Equal(3, p.Load(0, 0x8030, 8, 500));
    }

    [Fact]
    public void Fetch_HitIsFree_MissCostsL2OrDram()
    {
        T1MemoryTiming chip = Chip();
        CoreMemoryPort p = chip.Core(0);
        Assert.Equal(22 + 106, p.Fetch(0, 0x40_0000, 0));
        Assert.Equal(0, p.Fetch(0, 0x40_001C, 200)); // same 32 B line
        Assert.Equal(22, p.Fetch(0, 0x40_0020, 300)); // next I$ line, same L2 line this quantum
        chip.EndQuantum(1000);
        Assert.Equal(22, chip.Core(1).Fetch(0, 0x40_0000, 1000)); // another core: L2 hit
        Assert.Equal(3, p.Counters.L1IAccesses);
        Assert.Equal(2, p.Counters.L1IMisses);
    }

    [Fact]
    public void Store_DoesNotAllocateInL1D_NinthOutstandingStoreStalls()
    {
        CoreMemoryPort p = Chip().Core(0);
        for (ulong i = 0; i < 8; i++)
        {
            Assert.Equal(0, p.Store(0, 0x9000 + i * 8, 8, 0));
        }
        // The first store misses the L2 (129-cycle ack) and the others wait behind it.
        Assert.Equal(129, p.Store(0, 0x9040, 8, 0));
        Assert.Equal(1, p.Counters.StoreBufferFullStalls);
        Assert.Equal(23, p.Load(0, 0x9000, 8, 1000)); // an L1D miss (stores never allocate there), an L2 hit
        Assert.Equal(0, p.Store(1, 0xA000, 8, 1)); // other strands have their own buffer
    }

    [Fact]
    public void Atomic_DrainsTheStoreBufferFirst_ThenGoesToTheL2()
    {
        T1MemoryTiming chip = Chip();
        CoreMemoryPort p = chip.Core(0);
        p.Load(0, 0xB000, 8, 0);
        p.Store(0, 0xC000, 8, 0);
        chip.EndQuantum(1000); // both lines now in the L2
        p.Store(0, 0xC000, 8, 1000);  // ack at 1023
        Assert.Equal(13 + 23, p.Atomic(0, 0xB000, 8, 1010));
        Assert.Equal(23, p.Load(0, 0xB000, 8, 2000)); // the atomic dropped the L1D copy
    }

    [Theory]
    [InlineData(FpOperation.AddSubCompareConvert, 26)]
    [InlineData(FpOperation.ConvertFromInteger, 27)]
    [InlineData(FpOperation.Multiply, 29)]
    [InlineData(FpOperation.DivideSingle, 54)]
    [InlineData(FpOperation.DivideDouble, 83)]
    public void FloatingPoint_LatencyPerClass_MatchesGccNiagaraModel(FpOperation op, int latency)
    {
        Assert.Equal(latency, Chip().Core(0).FloatingPoint(0, op, 0));
    }

    [Fact]
    public void FloatingPoint_OneOutstandingPerCore()
    {
        CoreMemoryPort p = Chip().Core(0);
        Assert.Equal(26, p.FloatingPoint(0, FpOperation.AddSubCompareConvert, 100));
        Assert.Equal(16 + 29, p.FloatingPoint(1, FpOperation.Multiply, 110));
        Assert.Equal(16, p.Counters.Strands[1].FpuWaitCycles);
        Assert.Equal(26, p.FloatingPoint(2, FpOperation.AddSubCompareConvert, 200));
        Assert.Equal(3, p.Counters.FpuOps);
    }

    [Fact]
    public void Config_Invalid_IsRejectedWithTheFieldName()
    {
        var bad = new MemoryTimingConfig { L1DLineBytes = 24 };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new T1MemoryTiming(bad, 8));
        Assert.Contains("L1DLineBytes", e.Message, StringComparison.Ordinal);
    }
}
