namespace Niagara.IntegrationTests;

/// <summary>
/// The committed sun4v guest images (guest/bin): they match a rebuild from source, and each
/// workload runs to a clean mach_exit(0) on the 32-strand machine with its own self-checks
/// (exact lock counts, every mondo handled once, the jobmix checksum, the hypercall conformance
/// suite).
/// </summary>
public class GuestWorkloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CommittedImages_MatchARebuildFromSource()
    {
        Toolchain.Require(Toolchain.CrossCompiler);
        ProcessResult make = await ProcessRunner.RunAsync(
            "make", ["-C", Path.Combine(RepoPaths.Root, "guest"), "check"], null, RepoPaths.Root, Timeout);
        Assert.True(make.ExitCode == 0, $"make -C guest check failed:\n{make.Stdout}\n{make.Stderr}");
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("hello32")]
    [InlineData("pingpong")]
    [InlineData("storm")]
    [InlineData("locks")]
    [InlineData("jobmix")]
    [InlineData("compute")]
    public async Task Workload_RunsToACleanExit(string workload)
    {
        ProcessResult run = await Run(workload);
        Assert.True(run.ExitCode == 0, $"{workload} exited {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
    }

    [Fact]
    public async Task Hello32_PrintsOneLinePerStrandInIdOrder()
    {
        ProcessResult run = await Run("hello32");
        string[] lines = run.Stdout.Split('\n').Where(l => l.StartsWith("hello from strand", StringComparison.Ordinal)).ToArray();
        Assert.Equal(32, lines.Length);
        for (int id = 0; id < 32; id++)
        {
            Assert.StartsWith($"hello from strand {id,2} (core {id / 4}, strand {id % 4})", lines[id], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Conformance_EveryHypercallCheckPasses()
    {
        ProcessResult run = await Run("conformance");
        Assert.Matches(@"conformance: \d+ passed, 0 failed", run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Jobmix_GivesTheSameOutputOnOneAndTwoHostThreads()
    {
        ProcessResult one = await Run("jobmix", "--host-threads", "1");
        ProcessResult two = await Run("jobmix", "--host-threads", "2");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(StripTiming(one.Stdout), StripTiming(two.Stdout));
    }

    [Fact]
    public async Task Compute_SameConsoleAndCountsOnOneAndTwoHostThreads()
    {
        // compute is race-free by construction (workers report through cross-calls), so even
        // the boot strand's cycle count and every strand's instruction count must agree.
        ProcessResult one = await Run("compute", "--host-threads", "1");
        ProcessResult two = await Run("compute", "--host-threads", "2");
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.Matches(@"^compute: 5120 items on 32 strands: checksum 0x[0-9a-f]{16}\ncompute: timing: \d+ cycles on the boot strand\n$", one.Stdout);
        Assert.Equal(one.Stdout, two.Stdout);
        List<string> rows = NumericRows(one.Stderr);
        Assert.True(rows.Count >= 32, one.Stderr);
        Assert.Equal(rows, NumericRows(two.Stderr));
    }

    // The report's per-strand rows: numbers only (strand, instructions, cycles, IPC).
    private static List<string> NumericRows(string report) =>
        [.. report.Split('\n').Where(l => l.Length > 0 && l.All(c => char.IsAsciiDigit(c) || c is ' ' or '.'))];

    private static string StripTiming(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.Contains("timing:", StringComparison.Ordinal)));

    private static Task<ProcessResult> Run(string workload, params string[] options) =>
        ProcessRunner.RunAsync(
            SimulatorCli.DotnetHost,
            [SimulatorCli.AssemblyPath, "run", .. options, Path.Combine(RepoPaths.Root, "guest", "bin", workload + ".elf")],
            null,
            RepoPaths.Root,
            Timeout);
}
