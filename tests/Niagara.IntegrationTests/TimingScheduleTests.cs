using Niagara.Strands.Timing;

namespace Niagara.IntegrationTests;

/// <summary>
/// The parallel quantum scheme against the cycle-by-cycle reference: on the suite's workloads
/// that do not spin on one contended lock (4 strands on one core) the simulated time to finish
/// stays within 10% (measured: ialu -1.5%, txmix_small +0.1%, jobmix -5.1%; compute -5.2%,
/// stream -1.2%, locks +11.5%: bench/TimingScheduleComparison prints the table).
/// </summary>
public class TimingScheduleTests
{
    [Theory]
    [InlineData("ialu")]
    [InlineData("txmix_small")]
    [InlineData("jobmix")]
    public void ParallelScheme_StaysWithin10PercentOfTheReference(string workload)
    {
        TimingGuestRun parallel = TimingGuestRun.Run(workload, 4, TimingSchedule.Parallel);
        TimingGuestRun reference = TimingGuestRun.Run(workload, 4, TimingSchedule.Reference);
        double difference = Math.Abs((double)parallel.Cycles - reference.Cycles) / reference.Cycles;
        Assert.True(difference <= 0.10, $"{workload}: parallel {parallel.Cycles}, reference {reference.Cycles} cycles ({difference:P1})");
    }

    [Fact]
    public void Reference_IsDeterministic()
    {
        TimingGuestRun a = TimingGuestRun.Run("jobmix", 4, TimingSchedule.Reference);
        TimingGuestRun b = TimingGuestRun.Run("jobmix", 4, TimingSchedule.Reference);
        Assert.Equal(a.Cycles, b.Cycles);
        Assert.Equal(a.Snapshot.Strands.Select(s => (s.Cycles, s.Instructions)), b.Snapshot.Strands.Select(s => (s.Cycles, s.Instructions)));
    }
}
