using System.Text.RegularExpressions;

namespace Niagara.IntegrationTests;

/// <summary>
/// Small sun4v guests written for these tests, assembled once with the cross toolchain: each
/// is linked at real address 0 (the guest memory base) with its entry at the POR vector 0x20,
/// and first negotiates the CORE API group (versioned calls return EBADTRAP before that).
/// </summary>
public sealed class MachineTestGuests : IAsyncLifetime
{
    /// <summary>
    /// Boot code the guests below share: negotiates the CORE group, prints the NUL-terminated
    /// string at their label `text` with cons_putchar, then goes on at their label 2.
    /// </summary>
    private const string PrintText = """
                .text
                .org    0x20
                ba,a    start
                .org    0x100
        start:  wrpr    %g0, 0, %tl
                wrpr    %g0, 0, %gl
                mov     1, %o0                  ! api_set_version(CORE, 1, 1): CORE calls need it
                mov     1, %o1
                mov     1, %o2
                mov     0, %o5
                ta      0xff
                set     text, %l0
        1:      ldub    [%l0], %o0
                brz     %o0, 2f
                mov     0x61, %o5               ! cons_putchar
                ta      0x80
                ba      1b
                add     %l0, 1, %l0

        """;

    /// <summary>Prints "hello" and exits 7.</summary>
    public const string Hello = PrintText + """
        2:      mov     7, %o0                  ! mach_exit(7)
                mov     0, %o5
                ta      0x80
        text:   .asciz  "hello\n"
        """;

    /// <summary>Prints "spinning" and never exits.</summary>
    public const string Spin = PrintText + """
        2:      ba      2b
                nop
        text:   .asciz  "spinning\n"
        """;

    /// <summary>
    /// Prints "before", then executes zero words (illtrap) until a trap at TL = MAXPTL makes a
    /// watchdog reset to RTBA + 0x40, which holds another illtrap: error state.
    /// </summary>
    public const string ErrorState = PrintText + """
        2:      illtrap 0
        text:   .asciz  "before\n"
        """;

    /// <summary>
    /// NSTRANDS strands (ids 0..NSTRANDS-1) each run ITER iterations of a 64-bit LCG and store the
    /// result in slots[id]. Workers report to strand 0 only through hypercalls (a cpu mondo each,
    /// retried on EWOULDBLOCK); strand 0 polls its cpu-mondo queue TAIL, which moves only at
    /// quantum boundaries, then prints every slot in hex and exits 0. Nothing races, so outputs
    /// and per-strand instruction counts must not depend on host threads.
    /// </summary>
    public const string Compute = """
                .register %g2, #scratch
                .register %g3, #scratch
                .text
                .org    0x20
                ba,a    start
                .org    0x100
        start:  wrpr    %g0, 0, %tl
                wrpr    %g0, 0, %gl
                mov     1, %o0                  ! api_set_version(CORE, 1, 1): CORE calls need it
                mov     1, %o1
                mov     1, %o2
                mov     0, %o5
                ta      0xff
                mov     0x3c, %o0               ! cpu_qconf(cpu mondo, 0x8000, 32 entries)
                set     0x8000, %o1
                mov     32, %o2
                mov     0x14, %o5
                ta      0x80
                mov     1, %l5
        1:      cmp     %l5, NSTRANDS
                be      %icc, 3f
                nop
        2:      mov     %l5, %o0                ! cpu_start(id, worker, rtba 0, arg id)
                set     worker, %o1
                mov     0, %o2
                mov     %l5, %o3
                mov     0x10, %o5
                ta      0x80
                brnz    %o0, 2b
                nop
                ba      1b
                add     %l5, 1, %l5
        3:      call    work
                mov     0, %o0
                mov     0x3c8, %l0              ! wait for NSTRANDS-1 mondos
        4:      ldxa    [%l0] 0x25, %l1
                cmp     %l1, (NSTRANDS - 1) * 64
                bne     %xcc, 4b
                nop
                mov     0, %l5                  ! print the slots in hex
        5:      sllx    %l5, 3, %l0
                set     0x4000, %l1
                ldx     [%l1 + %l0], %l2
                mov     60, %l3
        6:      srlx    %l2, %l3, %o0
                and     %o0, 0xf, %o0
                cmp     %o0, 10
                bl      %icc, 7f
                add     %o0, 48, %o0
                add     %o0, 39, %o0
        7:      mov     0x61, %o5
                ta      0x80
                subcc   %l3, 4, %l3
                bge     %icc, 6b
                nop
                mov     10, %o0
                mov     0x61, %o5
                ta      0x80
                add     %l5, 1, %l5
                cmp     %l5, NSTRANDS
                bne     %icc, 5b
                nop
                mov     0, %o0                  ! mach_exit(0)
                mov     0, %o5
                ta      0x80

        worker: wrpr    %g0, 0, %tl             ! %o0 = id (cpu_start's arg)
                wrpr    %g0, 0, %gl
                mov     %o0, %l5
                call    work
                nop
        8:      mov     1, %o0                  ! cpu_mondo_send(1, own list -> cpu 0, data)
                sllx    %l5, 6, %o1
                set     0xa000, %g1
                add     %o1, %g1, %o1
                set     0x9000, %o2
                mov     0x42, %o5
                ta      0x80
                brnz    %o0, 8b
                nop
        9:      mov     0x12, %o5               ! cpu_yield forever
                ta      0x80
                ba      9b
                nop

        work:   add     %o0, 1, %g1             ! slots[%o0] = LCG^ITER(id + 1)
                set     ITER, %g2
                setx    6364136223846793005, %g5, %g3
                setx    1442695040888963407, %g5, %g4
        10:     mulx    %g1, %g3, %g1
                add     %g1, %g4, %g1
                srlx    %g1, 29, %g5
                xor     %g1, %g5, %g1
                subcc   %g2, 1, %g2
                bne,pt  %xcc, 10b
                nop
                sllx    %o0, 3, %g5
                set     0x4000, %g2
                stx     %g1, [%g2 + %g5]
                retl
                nop
        """;

    public string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "machine-guests");

    public string? Error { get; private set; }

    public string PathOf(string name) => Path.Combine(Directory, name + ".elf");

    public async Task InitializeAsync()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var builds = new[]
            {
                Build("hello", Hello), Build("spin", Spin), Build("error", ErrorState),
                Build("compute32", Compute, "-DNSTRANDS=32", "-DITER=20000"),
                Build("compute8", Compute, "-DNSTRANDS=8", "-DITER=3000"),
            };
            var failures = (await Task.WhenAll(builds)).OfType<string>().ToList();
            Error = failures.Count > 0 ? string.Join('\n', failures) : null;
        }
        catch (InvalidOperationException e)
        {
            Error = e.Message;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void AssertReady()
    {
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
    }

    // gcc runs cpp (for NSTRANDS/ITER) and as; ld links at real address 0 with the entry at 0x20.
    private async Task<string?> Build(string name, string source, params string[] defines)
    {
        string compiler = Toolchain.Require(Toolchain.CrossCompiler);
        string linker = Toolchain.Require("sparc64-linux-gnu-ld");
        string sourcePath = Path.Combine(Directory, name + ".S");
        string objectPath = Path.Combine(Directory, name + ".o");
        await File.WriteAllTextAsync(sourcePath, source + "\n");
        var compile = await ProcessRunner.RunAsync(compiler, ["-c", "-fno-pic", "-x", "assembler-with-cpp", .. defines, sourcePath, "-o", objectPath], null, Directory, TimeSpan.FromMinutes(1));
        if (compile.ExitCode != 0)
        {
            return $"{name}: {compile.Stderr}";
        }

        var link = await ProcessRunner.RunAsync(linker, ["-N", "-Ttext=0", "-e", "0x20", "--build-id=none", "-o", PathOf(name), objectPath], null, Directory, TimeSpan.FromMinutes(1));
        return link.ExitCode == 0 ? null : $"{name}: {link.Stderr}";
    }
}

/// <summary>`niagara run` on the real sun4v machine: console, exit status, error endings, determinism.</summary>
public sealed partial class RunCliMachineTests(MachineTestGuests guests) : IClassFixture<MachineTestGuests>
{
    [Fact]
    public async Task Hello_PrintsAndExitsWithTheGuestsCode()
    {
        guests.AssertReady();

        var result = await Niagara("run", "--strands", "1", guests.PathOf("hello"));

        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("niagara run report", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuestThatNeverExits_StopsAtMaxCyclesKeepingItsOutput()
    {
        guests.AssertReady();

        var result = await Niagara("run", "--strands", "4", "--max-cycles", "100000", guests.PathOf("spin"));

        Assert.Equal("spinning\n", result.Stdout);
        Assert.Equal(124, result.ExitCode);
        Assert.EndsWith($"niagara: {guests.PathOf("spin")}: the guest did not exit within 100000 cycles (--max-cycles)\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("simulated time  100000 cycles", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrandInErrorState_EndsTheRunWithAMessageKeepingItsOutput()
    {
        guests.AssertReady();

        var result = await Niagara("run", "--strands", "1", guests.PathOf("error"));

        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(3, result.ExitCode);
        string last = result.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith($"niagara: {guests.PathOf("error")}: ", last, StringComparison.Ordinal);
        Assert.Contains("error state", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeterministicMode_TwoRuns_GiveIdenticalOutputAndCounts()
    {
        guests.AssertReady();

        var first = await Niagara("run", guests.PathOf("compute32"));
        var second = await Niagara("run", guests.PathOf("compute32"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(32, first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(StrandRows(first.Stderr), StrandRows(second.Stderr));
        Assert.Equal(32, StrandRows(first.Stderr).Count);
    }

    [Fact]
    public async Task ParallelMode_TwoHostThreads_GivesTheDeterministicResults()
    {
        guests.AssertReady();

        var serial = await Niagara("run", guests.PathOf("compute32"));
        var parallel = await Niagara("run", "--host-threads", "2", guests.PathOf("compute32"));

        Assert.Equal(0, parallel.ExitCode);
        Assert.Equal(serial.Stdout, parallel.Stdout);
        Assert.Equal(StrandRows(serial.Stderr), StrandRows(parallel.Stderr));
        Assert.Contains("host threads    2 (parallel mode", parallel.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmallQuantum_OnEightStrands_GivesTheSameOutput()
    {
        guests.AssertReady();

        var coarse = await Niagara("run", "--strands", "8", guests.PathOf("compute8"));
        var fine = await Niagara("run", "--strands", "8", "--quantum", "500", "--host-threads", "2", guests.PathOf("compute8"));

        Assert.Equal(0, fine.ExitCode);
        Assert.Equal(8, fine.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(coarse.Stdout, fine.Stdout);
    }

    [Fact]
    public async Task NoImage_RunsTheBuiltInDemoFromAnyDirectory()
    {
        string elsewhere = Directory.CreateTempSubdirectory("niagara-demo-").FullName;
        try
        {
            var result = await ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, "run"], null, elsewhere, TimeSpan.FromMinutes(2));

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("niagara: no IMAGE: running the built-in demo, guest/bin/jobmix.elf", result.Stderr, StringComparison.Ordinal);
            Assert.EndsWith("jobmix: OK\n", result.Stdout, StringComparison.Ordinal);
            Assert.Equal(32, StrandRows(result.Stderr).Count);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task DeterministicMode_RacingWorkload_IsStillIdenticalRunToRun()
    {
        // jobmix pulls jobs from a CASX queue: who gets which job is a race, decided the same way
        // on every run by the fixed strand order of deterministic mode.
        string jobmix = Path.Combine(RepoPaths.Root, "guest", "bin", "jobmix.elf");

        var first = await Niagara("run", jobmix);
        var second = await Niagara("run", jobmix);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(StrandRows(first.Stderr), StrandRows(second.Stderr));
    }

    [Fact]
    public async Task CommittedHello32_PrintsTheSameInBothModes()
    {
        string hello32 = Path.Combine(RepoPaths.Root, "guest", "bin", "hello32.elf");

        var serial = await Niagara("run", hello32);
        var parallel = await Niagara("run", "--host-threads", "4", hello32);

        Assert.Equal(0, parallel.ExitCode);
        Assert.Equal(serial.Stdout, parallel.Stdout);
        Assert.Contains("hello from strand 31 (core 7, strand 3)", parallel.Stdout, StringComparison.Ordinal);
    }

    // The report's per-strand rows: "strand instructions cycles IPC".
    private static List<string> StrandRows(string stderr) =>
        [.. StrandRow().Matches(stderr).Select(m => m.Value)];

    [GeneratedRegex(@"^\s+\d+\s+\d+\s+\d+\s+\d+\.\d+$", RegexOptions.Multiline)]
    private static partial Regex StrandRow();

    private static Task<ProcessResult> Niagara(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments], null, AppContext.BaseDirectory, TimeSpan.FromMinutes(2));
}
