using System.Text.Json;
using System.Text.RegularExpressions;
using Niagara.Commands;

namespace Niagara.IntegrationTests;

/// <summary>
/// A two-strand cross-call ping-pong guest in assembly, built once with the cross toolchain
/// (linked at real address 0, entry at the POR vector 0x20): strand 0 pings strand PEER with a
/// cpu mondo ROUNDS times and waits for each pong; both take trap 0x7c with PSTATE.IE set and
/// count the entry in the flag its word 0 names before moving the queue HEAD past it.
/// </summary>
public sealed class TraceTestGuests : IAsyncLifetime
{
    public const int Rounds = 20;

    public const string PingPong = """
                .register %g2, #scratch
                .register %g3, #scratch
                .text
                .org    0x20                    ! power-on reset: strand 0
                ba,a    start
                .org    0xf80                   ! tt 0x7c cpu_mondo at TL 0
                ba,a    mondo
                .org    0x8000
        start:  wrpr    %g0, 0, %tl
                wrpr    %g0, 0, %gl
                wrpr    %g0, 0, %tba
                mov     1, %o0                  ! api_set_version(CORE, 1, 0): enables the calls below
                mov     1, %o1
                mov     0, %o2
                mov     0, %o5
                ta      0xff
                set     0x10000, %o1            ! my cpu-mondo queue
                call    setupq
                nop
                set     0x11200, %l2            ! my flag: pongs received
                set     0x11240, %l3            ! the flag the peer's handler counts
                set     0x11000, %l4            ! my mondo data: word 0 = peer's flag
                stx     %l3, [%l4]
                set     0x11100, %l6            ! my target list
        1:      mov     PEER, %o0               ! cpu_start(PEER, peer, rtba 0, 0)
                set     peer, %o1
                mov     0, %o2
                mov     0, %o3
                mov     0x10, %o5
                ta      0x80
                brnz    %o0, 1b
                nop
                mov     0, %l7
        2:      call    send                    ! ping the peer
                mov     PEER, %o0
                add     %l7, 1, %l7
        3:      ldx     [%l2], %l1              ! wait for pong l7
                cmp     %l1, %l7
                bl      %xcc, 3b
                nop
                cmp     %l7, ROUNDS
                bl      %xcc, 2b
                nop
                set     text, %l0
        4:      ldub    [%l0], %o0
                brz     %o0, 5f
                mov     0x61, %o5               ! cons_putchar
                ta      0x80
                ba      4b
                add     %l0, 1, %l0
        5:      mov     0, %o0                  ! mach_exit(0)
                mov     0, %o5
                ta      0x80

        peer:   wrpr    %g0, 0, %tl
                wrpr    %g0, 0, %gl
                wrpr    %g0, 0, %tba
                set     0x10800, %o1
                call    setupq
                nop
                set     0x11240, %l2            ! my flag: pings received
                set     0x11200, %l3
                set     0x11040, %l4
                stx     %l3, [%l4]
                set     0x11110, %l6
                mov     0, %l7
        6:      add     %l7, 1, %l7
        7:      ldx     [%l2], %l1              ! wait for ping l7
                cmp     %l1, %l7
                bl      %xcc, 7b
                nop
                call    send                    ! pong strand 0
                mov     0, %o0
                cmp     %l7, ROUNDS
                bl      %xcc, 6b
                nop
        8:      mov     0x12, %o5               ! cpu_yield forever
                ta      0x80
                ba      8b
                nop

        ! %o1 = queue base: cpu_qconf(cpu mondo, base, 32 entries), scratchpad 0 = base, PSTATE.IE = 1.
        setupq: mov     %o7, %l5
                stxa    %o1, [%g0] 0x20
                mov     0x3c, %o0
                mov     32, %o2
                mov     0x14, %o5
                ta      0x80
                rdpr    %pstate, %l0
                or      %l0, 2, %l0
                wrpr    %l0, 0, %pstate
                jmpl    %l5 + 8, %g0
                nop

        ! %o0 = target: cpu_mondo_send(1, my list, my data), retried while it answers EWOULDBLOCK.
        send:   mov     %o7, %l5
                sth     %o0, [%l6]
        1:      mov     1, %o0
                mov     %l6, %o1
                mov     %l4, %o2
                mov     0x42, %o5
                ta      0x80
                brnz    %o0, 1b
                nop
                jmpl    %l5 + 8, %g0
                nop

        ! cpu_mondo handler: count the entry at HEAD in the flag its word 0 names, move HEAD past it.
        mondo:  mov     0x3c0, %g1
                ldxa    [%g1] 0x25, %g2
                ldxa    [%g0] 0x20, %g3
                ldx     [%g3 + %g2], %g4
                ldx     [%g4], %g5
                add     %g5, 1, %g5
                stx     %g5, [%g4]
                add     %g2, 64, %g2
                and     %g2, 0x7ff, %g2
                stxa    %g2, [%g1] 0x25
                retry
        text:   .asciz  "pingpong done\n"
        """;

    public string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "trace-guests");

    public string? Error { get; private set; }

    /// <summary>Strand 0 and strand 1 (one core).</summary>
    public string PingPongPath => Path.Combine(Directory, "pingpong.elf");

    /// <summary>Strand 0 and strand 4: with --strands 8 (2 cores x 4) the two run on different cores.</summary>
    public string CrossCorePath => Path.Combine(Directory, "pingpong-cores.elf");

    public async Task InitializeAsync()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            string source = Path.Combine(Directory, "pingpong.S");
            await File.WriteAllTextAsync(source, PingPong + "\n");
            Error = await Build(source, 1, PingPongPath) ?? await Build(source, 4, CrossCorePath);
        }
        catch (InvalidOperationException e)
        {
            Error = e.Message;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string?> Build(string source, int peer, string image)
    {
        string obj = Path.ChangeExtension(image, ".o");
        var compile = await ProcessRunner.RunAsync(Toolchain.Require(Toolchain.CrossCompiler),
            ["-fno-pic", "-c", "-x", "assembler-with-cpp", $"-DROUNDS={Rounds}", $"-DPEER={peer}", source, "-o", obj], null, Directory, TimeSpan.FromMinutes(1));
        var link = compile.ExitCode != 0 ? compile : await ProcessRunner.RunAsync(Toolchain.Require("sparc64-linux-gnu-ld"),
            ["-N", "-Ttext=0", "-e", "0x20", "--build-id=none", "-o", image, obj], null, Directory, TimeSpan.FromMinutes(1));
        return link.ExitCode == 0 ? null : $"{image}: {link.Stderr}";
    }

    public void AssertReady()
    {
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
    }
}

/// <summary>`niagara trace` end to end: the trace file, the summary, determinism and the output-file rules.</summary>
public sealed partial class TraceCliTests(TraceTestGuests guests) : IClassFixture<TraceTestGuests>, IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("niagara-trace-cli-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PingPong_TwoRuns_IdenticalTraceConsoleAndCounts()
    {
        guests.AssertReady();
        string first = Path.Combine(_directory, "first.json"), second = Path.Combine(_directory, "second.json");

        var a = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", first);
        var b = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", second);

        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Equal("pingpong done\n", a.Stdout);
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.Equal(StrandRows(a.Stderr), StrandRows(b.Stderr));
        Assert.Equal(2, StrandRows(a.Stderr).Count);
        Assert.Equal(Summary(a.Stderr), Summary(b.Stderr));
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task PingPong_ParallelMode_WritesTheDeterministicTrace()
    {
        guests.AssertReady();
        string serial = Path.Combine(_directory, "serial.json"), parallel = Path.Combine(_directory, "parallel.json");

        var a = await Niagara("trace", "--strands", "8", guests.CrossCorePath, "-o", serial);
        var b = await Niagara("trace", "--strands", "8", "--host-threads", "2", guests.CrossCorePath, "-o", parallel);

        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Equal("pingpong done\n", b.Stdout);
        Assert.Contains($"cross-calls: {2 * TraceTestGuests.Rounds} accepted", b.Stderr, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(serial), await File.ReadAllBytesAsync(parallel));
    }

    [Fact]
    public async Task PingPong_Trace_ParsesWithTheNpmModel_OneFlowPerCrossCall()
    {
        guests.AssertReady();
        string file = Path.Combine(_directory, "trace.json");

        var run = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", file);
        JsonElement report = await TraceNpmValidator.ValidateAsync(file);

        Assert.True(run.ExitCode == 0, run.Stderr);
        const int crossCalls = 2 * TraceTestGuests.Rounds;
        Match written = TraceLine().Match(run.Stderr);
        Assert.True(written.Success, run.Stderr);
        Assert.Equal(long.Parse(written.Groups["events"].Value), report.GetProperty("events").GetInt64());
        JsonElement flows = report.GetProperty("flows");
        Assert.Equal((crossCalls, crossCalls, 0), (flows.GetProperty("paired").GetInt32(), flows.GetProperty("enclosingEnds").GetInt32(), flows.GetProperty("unbound").GetInt32()));
        Assert.Equal((0, 0, 0), (report.GetProperty("missingFields").GetInt32(), report.GetProperty("outOfOrder").GetInt32(), report.GetProperty("nestingViolations").GetInt32()));
        Assert.Equal(["strand 0 (core 0)", "strand 1 (core 0)"], report.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains($"cross-calls: {crossCalls} accepted in {crossCalls} calls: {crossCalls} delivered, {crossCalls} trapped, {crossCalls} handled, 0 dropped, 0 pending at the end\n", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"\n  send -> handled\s+40\s+\d+\s+\d+\s+\d+\s+\d+\n", run.Stderr);
    }

    [Fact]
    public async Task PingPong_Trace_HoldsHypercallsAndTraps()
    {
        guests.AssertReady();
        string file = Path.Combine(_directory, "calls.json");

        var run = await Niagara("trace", "--strands", "2", "--quantum", "4096", guests.PingPongPath, "-o", file);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument trace = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        List<JsonElement> events = [.. trace.RootElement.GetProperty("traceEvents").EnumerateArray()];
        List<JsonElement> calls = [.. events.Where(e => e.GetProperty("cat").GetString() == "hypercall")];
        List<JsonElement> traps = [.. events.Where(e => e.GetProperty("cat").GetString() == "trap")];

        // Every mondo is sent by a cpu_mondo_send that answered EOK (retries answer EWOULDBLOCK)
        // and taken by one cpu_mondo trap (tt 0x7c) at TL 1 on its target.
        const int crossCalls = 2 * TraceTestGuests.Rounds;
        List<JsonElement> sends = [.. calls.Where(c => c.GetProperty("name").GetString() == "cpu_mondo_send")];
        Assert.Equal(crossCalls, sends.Count(c => Arg(c, "status") == "EOK"));
        Assert.All(sends, c => Assert.Contains(Arg(c, "status"), (string[])["EOK", "EWOULDBLOCK"]));
        Assert.Equal(crossCalls, traps.Count(t => t.GetProperty("name").GetString() == "cpu_mondo"));
        Assert.Equal(TraceTestGuests.Rounds, traps.Count(t => t.GetProperty("name").GetString() == "cpu_mondo" && t.GetProperty("tid").GetInt32() == 2));

        // Calls that cross strands end at a quantum boundary; the others take no simulated time.
        JsonElement start = Assert.Single(calls, c => c.GetProperty("name").GetString() == "cpu_start" && Arg(c, "status") == "EOK");
        Assert.Equal(0UL, Cycle(start, "end_cycle") % 4096);
        Assert.True(Cycle(start, "end_cycle") > Cycle(start, "begin_cycle"));
        JsonElement qconf = calls.First(c => c.GetProperty("name").GetString() == "cpu_qconf");
        Assert.Equal(("EOK", Cycle(qconf, "begin_cycle")), (Arg(qconf, "status"), Cycle(qconf, "end_cycle")));
        Assert.Single(calls, c => c.GetProperty("name").GetString() == "mach_exit" && c.GetProperty("tid").GetInt32() == 1);
        Assert.Contains(calls, c => c.GetProperty("name").GetString() == "cons_putchar");
    }

    private static string? Arg(JsonElement e, string name) => e.GetProperty("args").GetProperty(name).GetString();

    private static ulong Cycle(JsonElement e, string name) => e.GetProperty("args").GetProperty(name).GetUInt64();

    [Fact]
    public async Task PingPongWorkload_TwoRuns_IdenticalTrace_TheNpmModelAcceptsIt()
    {
        // guest/bin/pingpong.elf: 64 round trips between strands 0 and 1.
        string image = Path.Combine(RepoPaths.Root, "guest", "bin", "pingpong.elf");
        string first = Path.Combine(_directory, "first.json"), second = Path.Combine(_directory, "second.json");

        var a = await Niagara("trace", "--strands", "2", image, "-o", first);
        var b = await Niagara("trace", "--strands", "2", image, "-o", second);

        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.EndsWith("pingpong: OK\n", a.Stdout, StringComparison.Ordinal);
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.Equal(StrandRows(a.Stderr), StrandRows(b.Stderr));
        Assert.Equal(Summary(a.Stderr), Summary(b.Stderr));
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        Assert.Contains("cross-calls: 128 accepted in 128 calls: 128 delivered, 128 trapped, 128 handled, 0 dropped, 0 pending at the end\n", a.Stderr, StringComparison.Ordinal);

        JsonElement report = await TraceNpmValidator.ValidateAsync(first);
        JsonElement flows = report.GetProperty("flows");
        Assert.Equal((128, 0), (flows.GetProperty("paired").GetInt32(), flows.GetProperty("unbound").GetInt32()));
        Assert.Equal((0, 0, 0), (report.GetProperty("missingFields").GetInt32(), report.GetProperty("outOfOrder").GetInt32(), report.GetProperty("nestingViolations").GetInt32()));
        Assert.Equal(long.Parse(TraceLine().Match(a.Stderr).Groups["events"].Value), report.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task StormWorkload_32Strands_RetriesShowAndTheTraceNests()
    {
        // guest/bin/storm.elf: every strand broadcasts to all others into 4-entry queues, so
        // senders meet busy mailboxes (EWOULDBLOCK) and handlers take several mondos per trap.
        string image = Path.Combine(RepoPaths.Root, "guest", "bin", "storm.elf");
        string file = Path.Combine(_directory, "storm.json");

        var run = await Niagara("trace", image, "-o", file);
        JsonElement report = await TraceNpmValidator.ValidateAsync(file);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Match summary = StormSummary().Match(run.Stderr);
        Assert.True(summary.Success, run.Stderr);
        long accepted = long.Parse(summary.Groups["accepted"].Value);
        Assert.Equal(accepted, long.Parse(summary.Groups["handled"].Value));
        Assert.True(long.Parse(summary.Groups["retries"].Value) > 0, run.Stderr);
        JsonElement flows = report.GetProperty("flows");
        Assert.Equal((accepted, 0L), (flows.GetProperty("paired").GetInt64(), flows.GetProperty("unbound").GetInt64()));
        Assert.Equal(0, report.GetProperty("nestingViolations").GetInt32());
        Assert.Equal(32, report.GetProperty("threads").GetArrayLength());
    }

    [Fact]
    public async Task ExistingOutput_WithoutForce_IsKeptAndNothingRuns()
    {
        guests.AssertReady();
        string file = Path.Combine(_directory, "keep.json");
        await File.WriteAllTextAsync(file, "precious");

        var refused = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", file);

        Assert.Equal(CommandLine.UsageStatus, refused.ExitCode);
        Assert.Equal($"niagara: {file}: File exists (use --force to overwrite it)\n", refused.Stderr);
        Assert.Equal("", refused.Stdout);
        Assert.Equal("precious", await File.ReadAllTextAsync(file));

        var forced = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", file, "--force");

        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.StartsWith("{\"traceEvents\":[", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Single(System.IO.Directory.GetFiles(_directory)); // no temporary file left beside it
    }

    [Fact]
    public async Task OutputIsTheImage_RefusedEvenWithForce()
    {
        guests.AssertReady();
        string image = Path.Combine(_directory, "image.elf");
        File.Copy(guests.PingPongPath, image);

        var refused = await Niagara("trace", "--strands", "2", image, "-o", image, "--force");

        Assert.Equal(CommandLine.UsageStatus, refused.ExitCode);
        Assert.Contains("is an input of this run", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(guests.PingPongPath), await File.ReadAllBytesAsync(image));
    }

    [Theory]
    [InlineData("dir", "Is a directory")]
    [InlineData("missing/trace.json", "No such file or directory")]
    public async Task UnusableOutput_RefusedBeforeTheRun(string output, string reason)
    {
        guests.AssertReady();
        System.IO.Directory.CreateDirectory(Path.Combine(_directory, "dir"));
        string file = Path.Combine(_directory, output);

        var refused = await Niagara("trace", "--strands", "2", guests.PingPongPath, "-o", file);

        Assert.Equal(CommandLine.UsageStatus, refused.ExitCode);
        Assert.Equal($"niagara: {file}: {reason}\n", refused.Stderr);
    }

    [Fact]
    public async Task NoOutputOption_IsAUsageError()
    {
        var refused = await Niagara("trace", "--strands", "2", "image.elf");

        Assert.Equal(CommandLine.UsageStatus, refused.ExitCode);
        Assert.Contains("--output", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceCommand_ReadsEveryRunOption()
    {
        // `niagara trace` takes run's option objects; each one must also be read when building the machine.
        string[] runOptions = [.. RunCommand.Create().Options.Select(o => o.Name)];
        Assert.Equal(runOptions.Order(), TraceCommand.MachineOptionNames.Order());
        string[] traceOptions = [.. TraceCommand.Create().Options.Select(o => o.Name)];
        Assert.Equal([.. runOptions, "--output", "--force"], traceOptions);
    }

    private static List<string> StrandRows(string stderr) => [.. StrandRow().Matches(stderr).Select(m => m.Value)];

    // The cross-call summary, up to the line naming the trace file.
    private static string Summary(string stderr)
    {
        int start = stderr.IndexOf("cross-calls:", StringComparison.Ordinal);
        return stderr[start..stderr.IndexOf("\ntrace: ", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"^\s+\d+\s+\d+\s+\d+\s+\d+\.\d+$", RegexOptions.Multiline)]
    private static partial Regex StrandRow();

    [GeneratedRegex(@"^cross-calls: (?<accepted>\d+) accepted in \d+ calls: \d+ delivered, \d+ trapped, (?<handled>\d+) handled.*\n.*\nEWOULDBLOCK retries: (?<retries>\d+) ", RegexOptions.Multiline)]
    private static partial Regex StormSummary();

    [GeneratedRegex(@"^trace: (?<events>\d+) events .* written to ", RegexOptions.Multiline)]
    private static partial Regex TraceLine();

    // A guest that stops pinging ends at the cycle limit (exit 124) instead of hanging the test.
    private static Task<ProcessResult> Niagara(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments, "--max-cycles", "5000000"], null, AppContext.BaseDirectory, TimeSpan.FromMinutes(1));
}
