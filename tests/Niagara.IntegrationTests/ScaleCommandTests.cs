using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Niagara.Commands;
using Niagara.Hypervisor.Configuration;
using Niagara.Reports.Scaling;
using static Niagara.IntegrationTests.ReportTestSupport;

namespace Niagara.IntegrationTests;

/// <summary>`niagara scale`: identical results over host-thread counts, the table, the plot, and the mismatch check.</summary>
public sealed partial class ScaleCommandTests : IDisposable
{
    private readonly string _directory = TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Pingpong_OneTwoAndFourThreads_TableAndPlot()
    {
        ProcessResult run = await RunCli("scale", GuestImage("pingpong"), "--host-threads", "1,2,4", "--plots", _directory);

        Assert.True(run.ExitCode == 0, run.Stderr);
        MatchCollection rows = TableRow().Matches(run.Stdout);
        Assert.Equal(["1", "2", "4"], rows.Select(r => r.Groups["threads"].Value));
        Assert.Equal("1.00", rows[0].Groups["speedup"].Value);
        Assert.Equal("100", rows[0].Groups["efficiency"].Value);
        foreach (Match row in rows)
        {
            // Efficiency is speedup over the thread ratio, as printed (rounding aside).
            double speedup = double.Parse(row.Groups["speedup"].Value, CultureInfo.InvariantCulture);
            double efficiency = double.Parse(row.Groups["efficiency"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(efficiency, (speedup * 100 / int.Parse(row.Groups["threads"].Value)) - 1, (speedup * 100 / int.Parse(row.Groups["threads"].Value)) + 1);
        }

        Assert.Matches(@"identical on every run: guest exited with code 0 .*; final cycle \d+; \d+ instructions on 32 strands", run.Stdout);
        Assert.Contains("median of 3 runs per count", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("warm-up run on 4 host thread(s)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("round 3 of 3: run on 4 host thread(s)", run.Stderr, StringComparison.Ordinal);
        XDocument svg = XDocument.Load(Path.Combine(_directory, "scaling.svg"));
        string[] texts = [.. svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];
        Assert.Contains("host threads", texts);
        Assert.Contains("speedup over 1 host thread", texts);
        Assert.Contains("ideal", texts);
        Assert.Contains("measured", texts);
        Assert.Contains("1", texts);
        Assert.Contains("2", texts);
        Assert.Contains("4", texts);
        Assert.True(File.Exists(Path.Combine(_directory, "scaling.png")));
    }

    [Theory]
    [InlineData("1,9", "host-threads")]
    [InlineData("1,x", "host-threads")]
    [InlineData("2,2", "listed twice")]
    public async Task BadThreadList_OneLineAndConfigurationExit(string list, string mention)
    {
        ProcessResult run = await RunCli("scale", GuestImage("hello"), "--host-threads", list);

        Assert.Equal(InvalidConfigurationException.ExitCode, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(mention, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("101")]
    public async Task BadRepeat_OneLineAndUsageExit(string rounds)
    {
        ProcessResult run = await RunCli("scale", GuestImage("hello"), "--repeat", rounds);

        Assert.Equal(CommandLine.UsageStatus, run.ExitCode);
        Assert.Equal($"niagara: --repeat: '{rounds}' is not a count of rounds 1..100", run.Stderr.TrimEnd('\n'));
    }

    [Fact]
    public void Median_IsTheMiddleRunByWallTime()
    {
        ScalePoint[] runs = [.. new[] { 5, 1, 4, 2 }.Select(s => Point(1, [10, 20], 100, "exit 0", "hi\n") with { WallTime = TimeSpan.FromSeconds(s) })];

        Assert.Equal(TimeSpan.FromSeconds(4), ScalePoint.Median(runs[..3]).WallTime);
        Assert.Equal(TimeSpan.FromSeconds(2), ScalePoint.Median(runs).WallTime);
        Assert.Equal(TimeSpan.FromSeconds(5), ScalePoint.Median(runs[..1]).WallTime);
    }

    [Fact]
    public void DifferenceFrom_NamesTheFirstArchitecturalDifference()
    {
        ScalePoint reference = Point(1, [10, 20], 100, "exit 0", "hi\n");

        Assert.Null(Point(2, [10, 20], 100, "exit 0", "hi\n").DifferenceFrom(reference));
        Assert.Equal("strand 5 executed 20 vs 21 instructions", Point(2, [10, 21], 100, "exit 0", "hi\n").DifferenceFrom(reference));
        Assert.Equal("final cycle 100 vs 108", Point(2, [10, 20], 108, "exit 0", "hi\n").DifferenceFrom(reference));
        Assert.Equal("the run ended differently: \"exit 0\" vs \"exit 1\"", Point(2, [10, 20], 100, "exit 1", "hi\n").DifferenceFrom(reference));
        Assert.Equal("console output differs from byte 1 (3 vs 3 bytes)", Point(2, [10, 20], 100, "exit 0", "ho\n").DifferenceFrom(reference));
    }

    [Fact]
    public void ParseThreadCounts_KeepsTheGivenOrder() =>
        Assert.Equal([2, 1, 8], ScaleCommand.ParseThreadCounts("2, 1,8"));

    private static ScalePoint Point(int threads, ulong[] instructions, ulong cycle, string ending, string console) =>
        new(threads, TimeSpan.FromSeconds(1), instructions.Aggregate(0UL, (a, b) => a + b), [4, 5], instructions, cycle, ending, System.Text.Encoding.UTF8.GetBytes(console));

    [GeneratedRegex(@"^\s+(?<threads>\d+)\s+(?<wall>\d+\.\d+)\s+(?<mips>\d+\.\d)\s+(?<speedup>\d+\.\d\d)\s+(?<efficiency>\d+)%$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
