using System.Text.Json;
using Niagara.Tracing;

namespace Niagara.IntegrationTests;

/// <summary>
/// Runs tests/trace-validation/validate.mjs, which parses a trace with the npm package
/// @tracerbench/trace-model (pinned in its package.json and lock file), and returns its report.
/// Installs the package with `npm ci` the first time (the npm registry is reachable here and in CI).
/// </summary>
internal static class TraceNpmValidator
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "trace-validation");

    public static async Task<JsonElement> ValidateAsync(string traceFile)
    {
        await EnsureInstalledAsync();
        ProcessResult run = await ProcessRunner.RunAsync("node", ["validate.mjs", traceFile], null, Directory, TimeSpan.FromMinutes(2));
        Assert.False(run.TimedOut, "validate.mjs timed out");
        Assert.True(run.ExitCode == 0, $"validate.mjs exit {run.ExitCode}: {run.Stderr}");
        using JsonDocument report = JsonDocument.Parse(run.Stdout);
        return report.RootElement.Clone();
    }

    /// <summary>Runs validate.mjs and returns its result without asserting success.</summary>
    public static async Task<ProcessResult> RunAsync(string traceFile)
    {
        await EnsureInstalledAsync();
        return await ProcessRunner.RunAsync("node", ["validate.mjs", traceFile], null, Directory, TimeSpan.FromMinutes(2));
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed || System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@tracerbench", "trace-model")))
            {
                _installed = true;
                return;
            }

            ProcessResult install = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null, Directory, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci in {Directory} failed ({install.ExitCode}): {install.Stderr}");
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}

public sealed class TraceNpmValidationTests : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("niagara-trace-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TraceModelParser_AcceptsSample_CountsMatchTheWriter()
    {
        string file = Path.Combine(_directory, "trace.json");
        ChromeTraceStats stats;
        using (FileStream stream = File.Create(file))
        {
            stats = ChromeTraceWriter.Write(SyntheticTrace.Sample(), stream);
        }

        JsonElement report = await TraceNpmValidator.ValidateAsync(file);
        TraceReportAssert.Matches(stats, report);

        string[] threads = [.. report.GetProperty("threads").EnumerateArray().Select(t => $"{t.GetProperty("tid").GetInt32()}:{t.GetProperty("name").GetString()}:{t.GetProperty("events").GetInt32()}")];
        // Per strand: slices, flow ends and starts, traps (strand 0: send, hypercall, handle, s, s, f, trap).
        Assert.Equal(["1:strand 0 (core 0):7", "2:strand 1 (core 0):6", "3:strand 2 (core 0):6", "4:strand 3 (core 0):6"], threads);
        Assert.Equal("niagara sun4v machine", report.GetProperty("processes")[0].GetProperty("name").GetString());
        Assert.Equal(8.333m, report.GetProperty("end").GetDecimal()); // cycle 10000 at 1.2 GHz
    }

    [Fact]
    public async Task TraceModelParser_RejectsAnEventWithoutCat()
    {
        // The parser this project validates with refuses such files, so the writer must never emit one.
        string file = Path.Combine(_directory, "nocat.json");
        await File.WriteAllTextAsync(file, "{\"traceEvents\":[{\"name\":\"thread_name\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":1,\"args\":{\"name\":\"x\"}}]}");

        ProcessResult run = await TraceNpmValidator.RunAsync(file);

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Validator_ReportsImproperNesting()
    {
        // Two overlapping slices on one track: the check the end-to-end tests rely on must see it.
        string file = Path.Combine(_directory, "overlap.json");
        await File.WriteAllTextAsync(file, "{\"traceEvents\":["
            + "{\"name\":\"a\",\"cat\":\"c\",\"ph\":\"X\",\"ts\":1,\"dur\":5,\"pid\":1,\"tid\":1},"
            + "{\"name\":\"b\",\"cat\":\"c\",\"ph\":\"X\",\"ts\":2,\"dur\":9,\"pid\":1,\"tid\":1},"
            + "{\"name\":\"x\",\"cat\":\"c\",\"ph\":\"s\",\"ts\":20,\"pid\":1,\"tid\":1,\"id\":1}]}");

        JsonElement report = await TraceNpmValidator.ValidateAsync(file);

        Assert.Equal(1, report.GetProperty("nestingViolations").GetInt32());
        Assert.Equal(1, report.GetProperty("flows").GetProperty("unbound").GetInt32());
        Assert.Equal(0, report.GetProperty("flows").GetProperty("paired").GetInt32());
    }
}

/// <summary>Compares validate.mjs's report with what <see cref="ChromeTraceWriter"/> said it wrote.</summary>
internal static class TraceReportAssert
{
    public static void Matches(ChromeTraceStats stats, JsonElement report)
    {
        long Phase(string ph) => report.GetProperty("phases").TryGetProperty(ph, out JsonElement n) ? n.GetInt64() : 0;
        long Category(string cat) => report.GetProperty("categories").TryGetProperty(cat, out JsonElement n) ? n.GetInt64() : 0;
        JsonElement flows = report.GetProperty("flows");

        Assert.Equal(stats.Events, report.GetProperty("events").GetInt64());
        Assert.Equal((stats.Metadata, stats.Slices, stats.Instants, stats.FlowStarts, stats.FlowEnds),
            (Phase("M"), Phase("X"), Phase("i"), Phase("s"), Phase("f")));
        Assert.Equal((stats.Metadata, stats.Hypercalls, stats.Traps, stats.CrossCallEvents),
            (Category("__metadata"), Category("hypercall"), Category("trap"), Category("xcall")));
        Assert.Equal(0, report.GetProperty("missingFields").GetInt32());
        Assert.Equal(0, report.GetProperty("outOfOrder").GetInt32());
        Assert.Equal(0, report.GetProperty("nestingViolations").GetInt32());
        Assert.Equal((stats.FlowStarts, stats.FlowStarts, stats.FlowStarts, 0L, stats.FlowEnds),
            (flows.GetProperty("starts").GetInt64(), flows.GetProperty("ends").GetInt64(), flows.GetProperty("paired").GetInt64(),
             flows.GetProperty("unbound").GetInt64(), flows.GetProperty("enclosingEnds").GetInt64()));
        Assert.Equal(stats.Threads, report.GetProperty("threads").GetArrayLength());
    }
}
