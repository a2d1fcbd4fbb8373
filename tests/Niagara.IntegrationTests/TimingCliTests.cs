using System.Text.Json.Nodes;

namespace Niagara.IntegrationTests;

/// <summary>`niagara run --timing`: the option's values, the timing report, and host-thread independence.</summary>
public class TimingCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task UnknownTimingMode_IsAConfigurationError()
    {
        ProcessResult run = await Run("hello", "--timing", "t2");
        Assert.Equal(78, run.ExitCode);
        Assert.Equal("niagara: invalid machine configuration: timing: 't2' is not a timing mode (none, t1 or t1-reference)", run.Stderr.Trim());
    }

    [Theory]
    [InlineData("t1", "parallel quantum schedule")]
    [InlineData("t1-reference", "cycle-by-cycle reference schedule")]
    public async Task TimingMode_AddsTheTimingReport(string mode, string schedule)
    {
        ProcessResult run = await Run("hello", "--strands", "4", "--timing", mode);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"niagara timing report (T1 model, {schedule})", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"\n  L2 +\d+ hits, \d+ misses", run.Stderr);
        Assert.Matches(@"\n  DRAM +[\d.]+ % busy per controller", run.Stderr);
    }

    [Fact]
    public async Task JsonReport_CarriesTheTimingSection()
    {
        string path = Path.Combine(Path.GetTempPath(), $"niagara-timing-{Guid.NewGuid():N}.json");
        try
        {
            ProcessResult run = await Run("hello", "--strands", "4", "--timing", "t1", "--report", path);
            Assert.True(run.ExitCode == 0, run.Stderr);
            JsonNode timing = JsonNode.Parse(await File.ReadAllTextAsync(path))!["timing"]!;
            Assert.Equal("t1", (string?)timing["schedule"]);
            JsonArray strands = timing["strands"]!.AsArray();
            Assert.Equal(4, strands.Count);
            foreach (JsonNode? strand in strands)
            {
                ulong stack = strand!["cpiStack"]!.AsObject().Aggregate(0UL, (sum, kv) => sum + (ulong)kv.Value!);
                Assert.Equal((ulong)strand["cycles"]!, stack);
            }

            Assert.True((ulong)strands[0]!["instructions"]! > 0);
            Assert.True((long)timing["l2"]!["misses"]! > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FunctionalMode_HasNoTimingReport()
    {
        ProcessResult run = await Run("hello", "--timing", "none");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("timing report", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaceFreeWorkload_SameTimingOnOneAndTwoHostThreads()
    {
        // compute's strands share nothing mid-quantum (they report through cross-calls), so its
        // cycles depend only on the model: the memory side reads only boundary state mid-quantum.
        ProcessResult one = await Run("compute", "--strands", "8", "--timing", "t1", "--host-threads", "1");
        ProcessResult two = await Run("compute", "--strands", "8", "--timing", "t1", "--host-threads", "2");
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one.Stderr + two.Stderr);
        Assert.Equal(TimingSection(one.Stderr), TimingSection(two.Stderr));
    }

    private static string TimingSection(string stderr) =>
        stderr[stderr.IndexOf("niagara timing report", StringComparison.Ordinal)..];

    private static Task<ProcessResult> Run(string workload, params string[] options) =>
        ProcessRunner.RunAsync(
            SimulatorCli.DotnetHost,
            [SimulatorCli.AssemblyPath, "run", .. options, Path.Combine(RepoPaths.Root, "guest", "bin", workload + ".elf")],
            null,
            RepoPaths.Root,
            Timeout);
}
