using Niagara.Strands.Timing;

namespace Niagara.Strands.Tests.Timing;

/// <summary>
/// Thread select on hand-made programs: the reference schedule (cycle by cycle, least recently
/// issued ready strand first) and the parallel scheme's issue-slot estimate.
/// </summary>
public class CorePipelineTests
{
    // An endless loop of 30 instructions with one branch bubble: a strand alone issues 30 in 31 cycles.
    private const string AluLoop = "1:\n" + Adds28 + "ba 1b\nadd %g1, 1, %g1";
    private const string Adds28 =
        "add %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\n" +
        "add %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\n" +
        "add %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\n" +
        "add %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\nadd %g1, 1, %g1\n";

    // An endless chain of dependent L1-hit loads: one issue every 3 cycles.
    private const string LoadChain = "sethi %hi(0x100000), %o0\nstx %o0, [%o0]\n1:\n" +
        "ldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\n" +
        "ldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\nldx [%o0], %o0\n" +
        "ba 1b\nldx [%o0], %o0";

    // Dependent multiplies: 11 cycles each, the core's multiplier busy 5 of them.
    private const string MulLoop = "1:\nmulx %g1, 3, %g1\nmulx %g1, 3, %g1\nmulx %g1, 3, %g1\nba 1b\nmulx %g1, 3, %g1";

    private const ulong WarmUp = 10_000;
    private const ulong Window = 30_000;

    /// <summary>Instructions each strand issued in [WarmUp, WarmUp + Window).</summary>
    private static ulong[] IssuedInWindow(TimedCore core, int strands)
    {
        core.RunTo(WarmUp);
        var before = new ulong[strands];
        for (int i = 0; i < strands; i++)
        {
            before[i] = core.Timing(i).Instructions;
        }

        core.RunTo(WarmUp + Window);
        var issued = new ulong[strands];
        for (int i = 0; i < strands; i++)
        {
            issued[i] = core.Timing(i).Instructions - before[i];
        }

        return issued;
    }

    [Fact]
    public void Reference_OneStrandAlone_IssuesAtItsOwnPace()
    {
        ulong[] issued = IssuedInWindow(new TimedCore(TimingSchedule.Reference, AluLoop), 1);
        Assert.InRange(issued[0], (Window * 30 / 31) - 31, (Window * 30 / 31) + 31);
    }

    [Fact]
    public void Reference_FourAluStrands_ShareEveryCycleRoundRobin()
    {
        ulong[] issued = IssuedInWindow(new TimedCore(TimingSchedule.Reference, AluLoop, AluLoop, AluLoop, AluLoop), 4);
        Assert.InRange(issued.Sum(x => (long)x), (long)Window - 4, (long)Window); // the slot never idles
        foreach (ulong n in issued)
        {
            Assert.InRange((long)n, ((long)Window / 4) - 2, ((long)Window / 4) + 2); // least recently run first: fair
        }
    }

    [Fact]
    public void Reference_LoadChainAmongAluStrands_GetsItsRoundRobinTurn()
    {
        // The chain's next load is ready 3 cycles after the last; its least-recently-run turn
        // comes every 4 cycles among 4 busy strands, so it issues every 4th cycle, like them.
        ulong[] issued = IssuedInWindow(new TimedCore(TimingSchedule.Reference, LoadChain, AluLoop, AluLoop, AluLoop), 4);
        Assert.InRange((long)issued[0], ((long)Window / 4) - 2, ((long)Window / 4) + 2);
        Assert.InRange(issued.Sum(x => (long)x), (long)Window - 4, (long)Window);
    }

    [Fact]
    public void Reference_StrandBackFromALongLatency_GoesFirst()
    {
        // After 11 cycles on a multiply the strand has run least recently of all, so it issues
        // as soon as it is ready: it keeps nearly its solo pace while three ALU strands use the
        // remaining cycles (only its 1-cycle branch bubble now costs it a round).
        ulong alone = IssuedInWindow(new TimedCore(TimingSchedule.Reference, MulLoop), 1)[0];
        ulong[] issued = IssuedInWindow(new TimedCore(TimingSchedule.Reference, MulLoop, AluLoop, AluLoop, AluLoop), 4);
        Assert.InRange(issued[0], alone * 9 / 10, alone);
        Assert.InRange(issued.Sum(x => (long)x), (long)Window - 4, (long)Window);
    }

    [Fact]
    public void Reference_SharedMultiplier_SerialisesTwoStrandsMultiplies()
    {
        ulong alone = IssuedInWindow(new TimedCore(TimingSchedule.Reference, MulLoop), 1)[0];
        ulong[] pair = IssuedInWindow(new TimedCore(TimingSchedule.Reference, MulLoop, MulLoop), 2);

        // Alone a multiply costs 11 cycles; its unit is busy 5 of them, so two strands still fit,
        // but each waits for the other's occupancy now and then: not faster, and not twice as slow.
        Assert.True(pair[0] <= alone && pair[1] <= alone);
        Assert.True(pair[0] + pair[1] > alone);
    }

    [Fact]
    public void Parallel_FourAluStrands_EstimateTheSharedSlot()
    {
        ulong[] issued = IssuedInWindow(new TimedCore(TimingSchedule.Parallel, AluLoop, AluLoop, AluLoop, AluLoop), 4);
        long total = issued.Sum(x => (long)x);
        Assert.InRange(total, (long)Window * 95 / 100, (long)Window * 105 / 100); // core IPC near 1, as the reference
    }

    [Fact]
    public void Parallel_OneStrandAlone_HasNoSlotWait()
    {
        var core = new TimedCore(TimingSchedule.Parallel, AluLoop);
        ulong[] issued = IssuedInWindow(core, 1);
        Assert.Equal(0UL, core.Timing(0).Cycles.IssueSlot);
        Assert.InRange(issued[0], (Window * 30 / 31) - 31, (Window * 30 / 31) + 31);
    }

    [Theory]
    [InlineData(TimingSchedule.Reference)]
    [InlineData(TimingSchedule.Parallel)]
    public void EveryStrandsCpiStack_AddsUpToItsClock(TimingSchedule schedule)
    {
        var core = new TimedCore(schedule, LoadChain, AluLoop, "illtrap 0", AluLoop);
        core.RunTo(20_000);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(core[i].Cycle, core.Timing(i).Cycles.Total);
        }

        Assert.NotNull(core[2].Halted);
        Assert.True(core.Timing(2).Cycles.Idle > 19_000); // a halted strand takes no slot
    }
}
