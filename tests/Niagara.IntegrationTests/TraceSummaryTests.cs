using Niagara.Hypervisor.Sun4v;
using Niagara.Tracing;

namespace Niagara.IntegrationTests;

public sealed class TraceSummaryTests
{
    [Theory]
    [InlineData(100, 50, 50)]
    [InlineData(100, 99, 99)]
    [InlineData(1000, 99, 990)]
    [InlineData(10, 50, 5)]
    [InlineData(9, 50, 5)]
    [InlineData(10, 99, 10)]
    [InlineData(1, 99, 1)]
    [InlineData(200, 99, 198)]
    public void NearestRank_OfOneToN_IsTheCeilingRank(int n, int percent, ulong expected)
    {
        ulong[] values = [.. Enumerable.Range(1, n).Select(v => (ulong)v)];
        Assert.Equal(expected, LatencyStatistics.NearestRank(values, percent));
    }

    [Fact]
    public void FromUnsorted_ShuffledValues_MinMedianP99Max()
    {
        ulong[] values = [.. Enumerable.Range(1, 1000).Select(v => (ulong)v * 10).Reverse()];
        values[0] = 1_000_000; // one outlier replaces 10000: p99 stays an observed value below it

        LatencyStatistics stats = LatencyStatistics.FromUnsorted(values, values.Length);

        Assert.Equal(new LatencyStatistics(1000, 10, 5000, 9900, 1_000_000), stats);
    }

    [Fact]
    public void FromUnsorted_Empty_IsAllZero()
    {
        Assert.Equal(LatencyStatistics.Empty, LatencyStatistics.FromUnsorted([], 0));
    }

    [Fact]
    public void Summary_OfSample_CountsOutcomesRetriesAndLatencies()
    {
        CrossCallSummary summary = CrossCallSummary.From(SyntheticTrace.Sample());

        Assert.Equal((5, 4, 4, 3, 3, 0, 2), (summary.CrossCalls, summary.AcceptingCalls, summary.Delivered, summary.Trapped, summary.Handled, summary.Dropped, summary.Pending));
        Assert.Equal((3, 2, 2), (summary.Retries, summary.RetriedCrossCalls, summary.MaxRetries));
        Assert.Null(summary.Service);

        // send -> trap: 3100 (1000 -> 4100), 3200 (1000 -> 4200), 3700 (4500 -> 8200).
        Assert.Equal(new LatencyStatistics(3, 3100, 3200, 3700, 3700), summary.SendToTrap);
        // send -> handled: 3150, 3300 and the polled 4000 (5000 -> 9000); strand 0 never handled its mondo.
        Assert.Equal(new LatencyStatistics(3, 3150, 3300, 4000, 4000), summary.SendToHandled);
        Assert.Equal(
            [new TargetSummary(0, 1, LatencyStatistics.Empty), new TargetSummary(1, 1, new LatencyStatistics(1, 3150, 3150, 3150, 3150)),
             new TargetSummary(2, 2, new LatencyStatistics(1, 3300, 3300, 3300, 3300)), new TargetSummary(3, 1, new LatencyStatistics(1, 4000, 4000, 4000, 4000))],
            summary.PerTarget);
    }

    [Fact]
    public void SummaryText_OfSample_IsTheExpectedTable()
    {
        MachineTrace trace = SyntheticTrace.Sample();
        trace.Service = new CrossCallServiceCounts(Calls: 6, WouldBlock: 1, BusyEntries: 1, Errors: 0);
        string text = CrossCallSummaryText.Format(CrossCallSummary.From(trace));

        const string expected =
            "cross-calls: 5 accepted in 4 calls: 4 delivered, 3 trapped, 3 handled, 0 dropped, 2 pending at the end\n" +
            "cpu_mondo_send: 6 calls, 1 answered EWOULDBLOCK (1 busy targets skipped), 0 other errors\n" +
            "EWOULDBLOCK retries: 3 over 2 cross-calls (at most 2 for one target)\n" +
            "latency in cycles    count       min    median       p99       max\n" +
            "  send -> trap           3      3100      3200      3700      3700\n" +
            "  send -> handled        3      3150      3300      4000      4000\n" +
            "send -> handled by target\n" +
            "  strand 0               0         -         -         -         -\n" +
            "  strand 1               1      3150      3150      3150      3150\n" +
            "  strand 2               1      3300      3300      3300      3300\n" +
            "  strand 3               1      4000      4000      4000      4000\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void SummaryText_NoCrossCalls_OneLine()
    {
        var trace = new MachineTrace([0], SyntheticTrace.ClockHz);
        trace.AddHypercall(new HypercallRecord(0, (int)HypervisorTrap.FAST_TRAP, (ulong)FastTrapFunction.MACH_EXIT, 0, 5, 5));

        Assert.Equal("cross-calls: 0 accepted in 0 calls: 0 delivered, 0 trapped, 0 handled, 0 dropped, 0 pending at the end\n",
            CrossCallSummaryText.Format(CrossCallSummary.From(trace)));
    }
}
