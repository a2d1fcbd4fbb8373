using Niagara.Reports;

namespace Niagara.IntegrationTests;

/// <summary>The latency histogram of the report and its plot.</summary>
public sealed class ReportHistogramTests
{
    [Fact]
    public void Bin_CountsEveryValueInRoundBinsCoveringTheRange()
    {
        ulong[] latencies = [7168, 7170, 7523, 7523, 8030, 8217];

        IReadOnlyList<HistogramBin> bins = LatencyHistogram.Bin(latencies);

        Assert.True(bins.Count <= LatencyHistogram.MaxBins);
        Assert.Equal(latencies.Length, bins.Sum(b => b.Count));
        ulong width = bins[0].ToCycles - bins[0].FromCycles;
        Assert.Equal(100UL, width); // (8217 - 7168) / 19 + 1 = 56 -> next 1-2-5 step is 100
        Assert.Equal(7100UL, bins[0].FromCycles);
        Assert.True(bins[^1].ToCycles > 8217);
        Assert.All(bins.Zip(bins.Skip(1)), p => Assert.Equal(p.First.ToCycles, p.Second.FromCycles));
        Assert.Equal(2, bins.Single(b => b.FromCycles == 7100).Count);
        Assert.Equal(2, bins.Single(b => b.FromCycles == 7500).Count);
    }

    [Fact]
    public void Bin_OneValueIsOneBinAndNoValuesNoBins()
    {
        Assert.Equal([new HistogramBin(42, 43, 3)], LatencyHistogram.Bin([42, 42, 42]));
        Assert.Empty(LatencyHistogram.Bin([]));
    }

    [Theory]
    [InlineData(1UL, 1UL)]
    [InlineData(3UL, 5UL)]
    [InlineData(6UL, 10UL)]
    [InlineData(11UL, 20UL)]
    [InlineData(201UL, 500UL)]
    public void RoundWidth_TakesTheNextOneTwoFiveStep(ulong minimum, ulong expected) =>
        Assert.Equal(expected, LatencyHistogram.RoundWidth(minimum));
}
