using Niagara.Strands.Timing;

namespace Niagara.Strands.Tests.Timing;

/// <summary>
/// One strand in timing mode: what each instruction class costs (reference "Instruction
/// latencies") and that every cycle lands in the CPI stack. Programs measure themselves with
/// rd %tick, which reads the issue cycle.
/// </summary>
public class TimedLoopTests
{
    // %o0 = the data area (its first word points to itself: a one-line pointer chain).
    private const string Setup = "sethi %hi(0x100000), %o0\nstx %o0, [%o0]\nldx [%o0], %g0\n";

    private static string Repeat(string line, int times) => string.Concat(Enumerable.Repeat(line + "\n", times));

    /// <summary>Runs <paramref name="body"/> between two rd %tick (into %g4, %g5) twice, so the second, measured pass finds its code and data in the L1s.</summary>
    private static string Twice(string body) =>
        Setup + "mov 2, %g7\n2: rd %tick, %g4\n" + body + "\nrd %tick, %g5\nsubcc %g7, 1, %g7\nbne 2b\nnop\nilltrap 0";

    private static TimedCore RunAlone(string program, ulong cycles = 20_000)
    {
        var core = new TimedCore(TimingSchedule.Parallel, program);
        core.RunTo(cycles);
        Assert.NotNull(core[0].Halted); // every program ends in illtrap
        return core;
    }

    private static long Ticks(TimedCore core) => (long)(core[0].GetRegister(5) - core[0].GetRegister(4)); // %g5 - %g4

    [Fact]
    public void IndependentAluInstructions_IssueOneACycle()
    {
        var core = RunAlone(Twice(Repeat("add %g1, 1, %g1", 40)));
        Assert.Equal(41, Ticks(core));
    }

    [Fact]
    public void DependentL1HitLoads_TakeThreeCyclesEach()
    {
        // Setup's ldx brought the line into the L1D; each ldx [%o0], %o0 needs the previous one's value.
        var core = RunAlone(Twice(Repeat("ldx [%o0], %o0", 16)));
        Assert.Equal(1 + (15 * 3) + 1, Ticks(core)); // rd %tick itself does not wait for the last load
    }

    [Fact]
    public void IndependentInstructionAfterAHit_IssuesAtOnce_AConsumerWaits()
    {
        var independent = RunAlone(Twice("ldx [%o0], %g2\nadd %g1, 1, %g1"));
        var consumer = RunAlone(Twice("ldx [%o0], %g2\nadd %g2, 1, %g1"));
        Assert.Equal(3, Ticks(independent));
        Assert.Equal(5, Ticks(consumer));
        Assert.Equal(2UL * 2, consumer.Timing(0).Cycles.Pipeline - independent.Timing(0).Cycles.Pipeline); // one interlock a pass
    }

    [Fact]
    public void TakenBranch_ReachesItsTargetThreeCyclesLater()
    {
        var core = RunAlone(Twice("ba 1f\nnop\n1:"));
        Assert.Equal(1 + 3, Ticks(core));
    }

    [Theory]
    [InlineData("mulx %g1, %g2, %g3", 11)]
    [InlineData("sdivx %g1, 3, %g3", 72)]
    [InlineData("save %sp, -192, %sp", 3)]
    public void LongLatencyInstruction_DeselectsTheStrand(string instruction, int latency)
    {
        var core = RunAlone("mov 7, %g1\nmov 5, %g2\n" + Twice(instruction));
        Assert.Equal(1 + latency, Ticks(core));
    }

    [Fact]
    public void CpiStack_AccountsForEveryCycleOfTheClock()
    {
        var core = RunAlone(Twice(Repeat("ldx [%o0], %o0\nmulx %o0, 3, %g1\nstx %g1, [%o0 + 8]\nba 1f\nnop\n1: add %g1, 1, %g2", 20)));
        StrandTiming t = core.Timing(0);
        Assert.Equal(core[0].Cycle, t.Cycles.Total);
        Assert.Equal(t.Instructions, t.Cycles.Issued);
        Assert.True(t.Cycles.MulDiv > 0 && t.Cycles.Pipeline > 0 && t.Cycles.InstructionMiss > 0 && t.Cycles.Idle > 0);
    }
}
