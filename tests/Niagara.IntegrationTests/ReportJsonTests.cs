using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using static Niagara.IntegrationTests.ReportTestSupport;

namespace Niagara.IntegrationTests;

/// <summary>`niagara run --report FILE.json`: real reports validated against docs/report-schema.json and against the text report.</summary>
public sealed partial class ReportJsonTests : IDisposable
{
    private readonly string _directory = TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Storm_ReportMatchesSchemaAndTextReport()
    {
        string path = Path.Combine(_directory, "storm.json");

        ProcessResult run = await RunCli("run", GuestImage("storm"), "--report", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
        AssertValid(report.RootElement);
        JsonElement root = report.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("guestExit", root.GetProperty("outcome").GetProperty("reason").GetString());

        // Per strand: the JSON says what the table says.
        var rows = StrandRows(run.Stderr);
        JsonElement[] strands = [.. root.GetProperty("strands").EnumerateArray()];
        Assert.Equal(32, strands.Length);
        Assert.Equal(rows, [.. strands.Select(s => (s.GetProperty("id").GetInt32(), s.GetProperty("instructions").GetUInt64()))]);
        Assert.Equal(rows.Aggregate(0UL, (sum, r) => sum + r.Instructions), root.GetProperty("instructions").GetUInt64());
        ulong coreSum = root.GetProperty("cores").EnumerateArray().Aggregate(0UL, (sum, c) => sum + c.GetProperty("instructions").GetUInt64());
        Assert.Equal(root.GetProperty("instructions").GetUInt64(), coreSum);

        // Cross-calls: storm sends many; the counts are the text summary's, the histogram holds every handled one.
        JsonElement crossCalls = root.GetProperty("crossCalls");
        Match summary = CrossCallLine().Match(run.Stderr);
        Assert.True(summary.Success, run.Stderr);
        Assert.Equal(long.Parse(summary.Groups["accepted"].Value), crossCalls.GetProperty("crossCalls").GetInt64());
        long handled = crossCalls.GetProperty("handled").GetInt64();
        Assert.Equal(long.Parse(summary.Groups["handled"].Value), handled);
        Assert.True(handled > 0);
        Assert.Equal(handled, crossCalls.GetProperty("sendToHandledHistogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.Equal(handled, crossCalls.GetProperty("sendToHandled").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task ParallelRun_ReportsEachHostThreadsStrandRunsInBothReports()
    {
        string path = Path.Combine(_directory, "storm2.json");

        ProcessResult run = await RunCli("run", GuestImage("storm"), "--host-threads", "2", "--report", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
        AssertValid(report.RootElement);
        JsonElement[] threads = [.. report.RootElement.GetProperty("host").GetProperty("threads").EnumerateArray()];
        Assert.Equal([0, 1], threads.Select(t => t.GetProperty("thread").GetInt32()));

        // Every strand runs once a quantum: on one of the threads, or parked, by the synchronizer.
        JsonElement synchronizer = report.RootElement.GetProperty("synchronizer");
        long quanta = synchronizer.GetProperty("quanta").GetInt64();
        long parked = synchronizer.GetProperty("parkedStrandQuanta").GetInt64();
        Assert.True(parked > 0, "storm's strands wait for the boundary after every cpu_mondo_send");
        Assert.Equal(quanta * 32, threads.Sum(t => t.GetProperty("strandRuns").GetInt64()) + parked);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"parked          {parked} of {quanta * 32} strand-quanta"), run.Stderr, StringComparison.Ordinal);
        foreach (JsonElement t in threads)
        {
            Assert.InRange(t.GetProperty("takenFromOtherThreads").GetInt64(), 0, t.GetProperty("strandRuns").GetInt64());
            string line = string.Create(CultureInfo.InvariantCulture,
                $"host thread {t.GetProperty("thread").GetInt32(),-3} {t.GetProperty("strandRuns").GetInt64()} strand runs ({t.GetProperty("takenFromOtherThreads").GetInt64()} of other threads' cores)");
            Assert.Contains(line, run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TimingRun_TimingSectionMatchesSchema()
    {
        string path = Path.Combine(_directory, "timing.json");

        ProcessResult run = await RunCli("run", GuestImage("hello32"), "--strands", "8", "--timing", "t1", "--report", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
        AssertValid(report.RootElement);
        JsonElement timing = report.RootElement.GetProperty("timing");
        Assert.Equal(8, timing.GetProperty("strands").GetArrayLength());
        Assert.Equal(2, timing.GetProperty("cores").GetArrayLength());

        // The schema describes the section field by field: an unknown field is refused.
        JsonNode broken = JsonNode.Parse(File.ReadAllText(path))!;
        broken["timing"]!["l2"]!["hitz"] = 1;
        Assert.False(Schema.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public async Task CycleLimit_ReportSaysSoAndKeepsTheLimit()
    {
        string path = Path.Combine(_directory, "limit.json");

        ProcessResult run = await RunCli("run", "--max-cycles", "20000", "--report", path);

        Assert.Equal(124, run.ExitCode);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
        AssertValid(report.RootElement);
        Assert.Equal("cycleLimit", report.RootElement.GetProperty("outcome").GetProperty("reason").GetString());
        Assert.Equal(124, report.RootElement.GetProperty("outcome").GetProperty("exitStatus").GetInt32());
        Assert.Equal(20000UL, report.RootElement.GetProperty("synchronizer").GetProperty("maxCycles").GetUInt64());
        Assert.Equal(20000UL, report.RootElement.GetProperty("cycles").GetUInt64());
    }

    [Fact]
    public async Task ExistingFile_IsReplacedWholeAndNoTemporaryFileStays()
    {
        string path = Path.Combine(_directory, "old.json");
        File.WriteAllText(path, "an older report that is longer than nothing");

        ProcessResult run = await RunCli("run", GuestImage("hello"), "--report", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
        AssertValid(report.RootElement);
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task ReportPathIsADirectory_RefusedBeforeTheRun()
    {
        ProcessResult run = await RunCli("run", GuestImage("hello"), "--report", _directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"niagara: {_directory}: Is a directory\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task ReportInMissingDirectory_RefusedBeforeTheRun()
    {
        string path = Path.Combine(_directory, "no-such-dir", "r.json");

        ProcessResult run = await RunCli("run", GuestImage("hello"), "--report", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"niagara: {path}: No such directory", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Schema_RejectsARealReportWithOneFieldBroken()
    {
        // The schema is not vacuous: the same valid report fails with a wrong reason, a missing
        // strand list, a negative count or an undocumented field.
        string path = Path.Combine(_directory, "hello.json");
        ProcessResult run = await RunCli("run", GuestImage("hello"), "--report", path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(path);
        Assert.True(Evaluate(JsonNode.Parse(text)!).IsValid);

        Action<JsonNode>[] breakages =
        [
            r => r["outcome"]!["reason"] = "crashed",
            r => r.AsObject().Remove("strands"),
            r => r["strands"]![0]!["instructions"] = -1,
            r => r["undocumented"] = 1,
        ];
        foreach (Action<JsonNode> breakage in breakages)
        {
            JsonNode report = JsonNode.Parse(text)!;
            breakage(report);
            Assert.False(Evaluate(report).IsValid, report.ToJsonString());
        }
    }

    private static EvaluationResults Evaluate(JsonNode report)
    {
        using JsonDocument document = JsonDocument.Parse(report.ToJsonString());
        return Schema.Evaluate(document.RootElement);
    }

    private static string SchemaPath => Path.Combine(RepoPaths.Root, "docs", "report-schema.json");

    private static JsonSchema Schema { get; } = JsonSchema.FromText(File.ReadAllText(SchemaPath));

    private static void AssertValid(JsonElement report)
    {
        EvaluationResults result = Schema.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        string errors = string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
        Assert.True(result.IsValid, errors);
    }

    [GeneratedRegex(@"^cross-calls: (?<accepted>\d+) accepted in \d+ calls: \d+ delivered, \d+ trapped, (?<handled>\d+) handled", RegexOptions.Multiline)]
    private static partial Regex CrossCallLine();
}
