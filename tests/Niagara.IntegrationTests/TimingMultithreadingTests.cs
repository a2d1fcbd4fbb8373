using System.Globalization;
using System.Text.RegularExpressions;
using Niagara.Strands.Timing;

namespace Niagara.IntegrationTests;

/// <summary>
/// Multithreading as on the T1: on a memory-bound workload a core's throughput grows from 1 to 4
/// strands while each strand's rate falls; a compute-bound one saturates the core's single issue
/// slot near IPC 1. Strands are packed onto core 0.
/// </summary>
public class TimingMultithreadingTests
{
    [Fact]
    public void MemoryBound_CoreThroughputGrowsWhilePerStrandRateFalls()
    {
        // txmix_small: hash-table transactions over a 4 MB table (larger than the L2).
        double[] perKiloCycle = [Throughput(1), Throughput(2), Throughput(4)];
        Assert.True(perKiloCycle[1] > perKiloCycle[0] * 1.5, string.Join(", ", perKiloCycle));
        Assert.True(perKiloCycle[2] > perKiloCycle[1] * 1.2, string.Join(", ", perKiloCycle));
        Assert.True(perKiloCycle[2] / 4 < perKiloCycle[0], string.Join(", ", perKiloCycle)); // per strand
    }

    [Fact]
    public void ComputeBound_FourStrandsSaturateTheCoreNearIpcOne()
    {
        TimingGuestRun one = TimingGuestRun.Run("ialu", 1, TimingSchedule.Parallel);
        TimingGuestRun four = TimingGuestRun.Run("ialu", 4, TimingSchedule.Parallel);
        Assert.InRange(four.Core0.Ipc, 0.85, 1.0);
        Assert.True(four.Core0.Ipc > one.Core0.Ipc, $"{four.Core0.Ipc} vs {one.Core0.Ipc}");
        foreach (StrandTimingSnapshot s in four.Snapshot.Strands)
        {
            Assert.InRange(s.Ipc, 0.15, 0.30); // a quarter of the slot each, less start-up
            Assert.True(s.Stack.IssueSlot > s.Stack.Issued, "siblings hold the slot most of the time");
        }
    }

    private static double Throughput(int strands)
    {
        TimingGuestRun run = TimingGuestRun.Run("txmix_small", strands, TimingSchedule.Parallel);
        Match m = Regex.Match(run.Console, @"txmix: timing: slowest strand (\d+) cycles");
        Assert.True(m.Success, run.Console);
        return strands * 1000.0 * 1000 / double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture); // 1000 transactions a strand
    }
}
