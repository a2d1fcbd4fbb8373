using Niagara.Reports;
using static Niagara.IntegrationTests.ReportTestSupport;

namespace Niagara.IntegrationTests;

/// <summary>The live progress line: its throttle, text and erasing, and that it shows on a terminal only.</summary>
public sealed class ReportProgressTests
{
    [Fact]
    public void Update_DrawsAtMostEveryQuarterSecondAndClearErasesIt()
    {
        var time = new ManualTime();
        var output = new StringWriter();
        var line = new ProgressLine(output, 1_000_000, time);

        // The first boundary only starts the clock (rates count from here).
        line.Update(50_000, () => 1_000_000);
        Assert.Equal(string.Empty, output.ToString());
        time.Advance(TimeSpan.FromMilliseconds(100));
        line.Update(100_000, () => 2_000_000);
        Assert.Equal(string.Empty, output.ToString());

        time.Advance(TimeSpan.FromMilliseconds(150));
        line.Update(250_000, () => 3_000_000);
        string first = output.ToString();
        Assert.StartsWith("\rniagara: cycle 250000 of 1000000 (25.0%), 8.0 MIPS, 0:00 elapsed, ETA 0:01", first, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMilliseconds(100));
        line.Update(300_000, () => 3_000_000);
        Assert.Equal(first, output.ToString());

        line.Clear();
        string cleared = output.ToString()[first.Length..];
        Assert.Equal("\r" + new string(' ', first.Length - 1) + "\r", cleared);
        line.Clear();
        Assert.Equal(first + cleared, output.ToString());
    }

    [Fact]
    public void Format_WithoutACycleLimitHasNoEta()
    {
        var line = new ProgressLine(TextWriter.Null, ulong.MaxValue, new ManualTime());

        Assert.Equal("niagara: cycle 5000000, 2.5 MIPS, 1:02:03 elapsed", line.Format(5_000_000, 9_307_500_000, new TimeSpan(1, 2, 3)));
    }

    [Fact]
    public async Task PipedStandardError_ShowsNoProgress()
    {
        ProcessResult run = await RunCli("run");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain('\r', run.Stderr);
        Assert.DoesNotContain("niagara: cycle", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminal_ShowsProgressAndErasesItBeforeTheReport()
    {
        // script(1) runs the simulator on a pseudo-terminal; compute runs long enough (about 1 s at 6 M cycles) to draw.
        string command = $"'{SimulatorCli.DotnetHost}' '{SimulatorCli.AssemblyPath}' run --max-cycles 6000000 '{GuestImage("compute")}'";

        ProcessResult run = await ProcessRunner.RunAsync("script", ["-qfec", command, "/dev/null"], null, AppContext.BaseDirectory, TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 124, run.Stdout + run.Stderr);
        string screen = run.Stdout;
        int lastDraw = screen.LastIndexOf("\rniagara: cycle ", StringComparison.Ordinal);
        int report = screen.IndexOf("niagara run report", StringComparison.Ordinal);
        Assert.True(lastDraw >= 0, screen);
        Assert.Contains(" of 6000000 (", screen[lastDraw..], StringComparison.Ordinal);
        Assert.Contains("ETA", screen[lastDraw..report], StringComparison.Ordinal);

        // Between the last draw and the report: the erase ("\r", spaces, "\r") and nothing else.
        string between = screen[lastDraw..report];
        int erase = between.IndexOf("\r ", 1, StringComparison.Ordinal);
        Assert.True(erase > 0, between);
        Assert.Matches(@"^\r +\r$", between[erase..]);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
