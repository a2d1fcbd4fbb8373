using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class SharedResourceTests
{
    [Fact]
    public void Crossbar_TwoRequestsToOneDestinationInOneCycle_Queue()
    {
        var x = new Crossbar(5);
        int a = x.Submit(2, 100, packets: 1);
        int b = x.Submit(2, 100, packets: 1);
        int c = x.Submit(3, 100, packets: 1); // another destination: independent
        x.Arbitrate();
        Assert.Equal(100UL, x.Grant(a));
        Assert.Equal(101UL, x.Grant(b));
        Assert.Equal(100UL, x.Grant(c));
        Assert.Equal(1, x.Counters.WaitCycles[2]);
        Assert.Equal(2, x.Counters.Packets[2]);
    }

    [Fact]
    public void Crossbar_GrantsOldestFirst_NotInSubmissionOrder()
    {
        var x = new Crossbar(1);
        int young = x.Submit(0, 6, packets: 1);
        int old = x.Submit(0, 5, packets: 2); // e.g. a CAS: two packets
        x.Arbitrate();
        Assert.Equal(5UL, x.Grant(old));
        Assert.Equal(7UL, x.Grant(young)); // waits for both packets of the older request
    }

    [Fact]
    public void Crossbar_SameAge_SubmissionOrder_AndOccupancyCarriesOverBatches()
    {
        var x = new Crossbar(1);
        int first = x.Submit(0, 10, packets: 1);
        int second = x.Submit(0, 10, packets: 1);
        x.Arbitrate();
        Assert.Equal(10UL, x.Grant(first));
        Assert.Equal(11UL, x.Grant(second));
        x.Clear();
        int next = x.Submit(0, 11, packets: 1);
        x.Arbitrate();
        Assert.Equal(12UL, x.Grant(next));
    }

    [Fact]
    public void Crossbar_LaterBatchOlderRequest_UsesTheGapBeforeEarlierGrants()
    {
        var x = new Crossbar(1);
        x.Submit(0, 500, packets: 1);
        x.Arbitrate();
        x.Clear();
        int old = x.Submit(0, 100, packets: 2); // replayed later, but older: no wait behind cycle 500
        x.Arbitrate();
        Assert.Equal(100UL, x.Grant(old));
    }

    [Fact]
    public void Crossbar_ArrivalsSpreadFarApart_StillOldestFirstAndStable()
    {
        var x = new Crossbar(1);
        int late1 = x.Submit(0, 60_000, packets: 1);
        int early = x.Submit(0, 7, packets: 1);
        int late2 = x.Submit(0, 60_000, packets: 1);
        x.Arbitrate();
        Assert.Equal(7UL, x.Grant(early));
        Assert.Equal(60_000UL, x.Grant(late1));
        Assert.Equal(60_001UL, x.Grant(late2));
    }

    [Fact]
    public void Crossbar_SparseAndDenseBatches_AgreeOnGrants()
    {
        // The arbiter sorts dense batches by counting and sparse ones by comparison: same answer.
        var rng = new Random(7);
        var arrivals = new ulong[300];
        for (int i = 0; i < arrivals.Length; i++)
        {
            arrivals[i] = (ulong)rng.Next(0, 200);
        }
        ulong[] dense = Grants(arrivals, 0);
        ulong[] sparse = Grants([.. arrivals, 1_000_000], 0);
        ulong[] wide = Grants([.. arrivals, 1UL << 40], 0);
        Assert.Equal(dense, sparse[..arrivals.Length]);
        Assert.Equal(dense, wide[..arrivals.Length]);
    }

    private static ulong[] Grants(ulong[] arrivals, int destination)
    {
        var x = new Crossbar(2);
        var tickets = new int[arrivals.Length];
        for (int i = 0; i < arrivals.Length; i++)
        {
            tickets[i] = x.Submit(destination + (i % 2), arrivals[i], packets: 1 + (i % 3 == 0 ? 1 : 0));
        }
        x.Arbitrate();
        var grants = new ulong[arrivals.Length];
        for (int i = 0; i < arrivals.Length; i++)
        {
            grants[i] = x.Grant(tickets[i]);
        }
        return grants;
    }

    private static DramController Dram() => new(MemoryTimingConfig.Default, bankShift: 8);

    [Fact]
    public void Dram_UnloadedRead_TakesTheDramLeg()
    {
        DramController d = Dram();
        Assert.Equal(1000UL + 106, d.Read(0x000, 1000)); // 129 - 23
        Assert.Equal(0, d.WaitCycles);
        Assert.Equal(12, d.BusyCycles);
    }

    [Fact]
    public void Dram_SameBankBackToBack_WaitsForTheRowCycle()
    {
        DramController d = Dram();
        d.Read(0x000, 0);
        Assert.Equal(0, d.BankOf(0x800));
        ulong second = d.Read(0x800, 1); // same DRAM bank (PA[10:8] = 0): closed page, 66-cycle row cycle
        Assert.Equal(66UL + 106, second);
        Assert.Equal(66 - 1, d.WaitCycles);
    }

    [Fact]
    public void Dram_DifferentBanks_ShareTheDataBus()
    {
        DramController d = Dram();
        Assert.Equal(106UL, d.Read(0x000, 0));
        Assert.Equal(1, d.BankOf(0x100));
        Assert.Equal(106UL + 12, d.Read(0x100, 0)); // bus busy for the first line's 12 cycles
        Assert.Equal(24, d.BusyCycles);
    }

    [Fact]
    public void Dram_Writeback_OccupiesBankAndBus()
    {
        DramController d = Dram();
        d.Write(0x000, 0);
        Assert.Equal(1, d.Writes);
        Assert.Equal(66UL + 106, d.Read(0x000, 0));
    }

    [Fact]
    public void Fpu_IssuesOnePerCycle_MultiplyTakesTwoSlots()
    {
        var f = new SharedFpu(MemoryTimingConfig.Default);
        Assert.Equal(104UL, f.Execute(FpOperation.AddSubCompareConvert, 100));
        Assert.Equal(105UL, f.Execute(FpOperation.AddSubCompareConvert, 100)); // queued one cycle
        Assert.Equal(102UL + 7, f.Execute(FpOperation.Multiply, 100));
        Assert.Equal(104UL + 4, f.Execute(FpOperation.AddSubCompareConvert, 100)); // FMUL's second pass
        Assert.Equal(1 + 2 + 4, f.WaitCycles);
        Assert.Equal(4, f.Ops);
    }

    [Fact]
    public void Fpu_DividerTakesOneDivideAtATime_OtherPipesGoOn()
    {
        var f = new SharedFpu(MemoryTimingConfig.Default);
        Assert.Equal(161UL, f.Execute(FpOperation.DivideDouble, 100));
        Assert.Equal(105UL, f.Execute(FpOperation.AddSubCompareConvert, 100));   // not blocked by the divide
        Assert.Equal(161UL + 32, f.Execute(FpOperation.DivideSingle, 102)); // waits for the divider
    }
}
