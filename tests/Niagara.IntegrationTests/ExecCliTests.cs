using System.Text.RegularExpressions;

namespace Niagara.IntegrationTests;

/// <summary>
/// Compiles tests/programs/errors/*.c once (static, -O2) into the test output folder, for the
/// CLI and error-path tests. A missing toolchain or a failed compile fails every test using it.
/// </summary>
public sealed class ErrorProgramsFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "error-programs");

    public string QemuPath { get; private set; } = "";

    public string? Error { get; private set; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public async Task InitializeAsync()
    {
        try
        {
            QemuPath = Toolchain.Require(Toolchain.Qemu);
            string compiler = Toolchain.Require(Toolchain.CrossCompiler);
            System.IO.Directory.CreateDirectory(Directory);
            var sources = System.IO.Directory.GetFiles(Path.Combine(RepoPaths.ProgramsDirectory, "errors"), "*.c");
            var builds = sources.Select(async source =>
            {
                string output = PathOf(Path.GetFileNameWithoutExtension(source));
                if (File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(source))
                {
                    return null;
                }

                var result = await ProcessRunner.RunAsync(
                    compiler, ["-static", "-O2", "-Wall", "-Wextra", "-o", output, source], null, Directory, TimeSpan.FromMinutes(2));
                return result.ExitCode == 0 ? null : $"{source}: {result.Stderr}";
            });
            var failures = (await Task.WhenAll(builds)).OfType<string>().ToList();
            if (failures.Count > 0)
            {
                Error = string.Join('\n', failures);
            }
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
}

[CollectionDefinition(Name)]
public sealed class ErrorProgramsCollection : ICollectionFixture<ErrorProgramsFixture>
{
    public const string Name = "Error programs";
}

/// <summary>`niagara exec` and `niagara disasm` as a user runs them: exit codes, reports, options.</summary>
[Collection(ErrorProgramsCollection.Name)]
public sealed class ExecCliTests(ErrorProgramsFixture programs)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    internal static Task<ProcessResult> Niagara(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments], GuestEnvironment.Fixed, AppContext.BaseDirectory, Timeout);

    private Task<ProcessResult> Qemu(string program) =>
        ProcessRunner.RunAsync(programs.QemuPath, ["-cpu", Toolchain.QemuCpu, programs.PathOf(program)], GuestEnvironment.Fixed, AppContext.BaseDirectory, Timeout);

    private async Task<ProcessResult> Exec(string program, params string[] arguments)
    {
        programs.AssertReady();
        return await Niagara(["exec", programs.PathOf(program), .. arguments]);
    }

    internal static void AssertNoStackTrace(ProcessResult result)
    {
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"^\s+at ", RegexOptions.Multiline), result.Stderr);
    }

    [Fact]
    public async Task Exec_HelloWorld_PrintsAndExitsWithTheGuestStatus()
    {
        var result = await Exec("exit_status", "42");
        Assert.Equal(42, result.ExitCode);
        Assert.Equal($"hello, world\narg 1: 42\nenv {GuestEnvironment.Fixed.Count}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Exec_ZeroStatus_ExitsZero()
    {
        var result = await Exec("exit_status", "0");
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Exec_ArgumentsAfterTheProgram_BelongToTheGuestEvenWhenTheyLookLikeOptions()
    {
        var result = await Exec("exit_status", "3", "--stats", "--max-instructions", "@file", "--");
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("hello, world\narg 1: 3\narg 2: --stats\narg 3: --max-instructions\narg 4: @file\narg 5: --\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("niagara stats", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("segfault", "SIGSEGV", @"ldx \[%g1\+8\], %o0 \(fault address 0x8\)")]
    [InlineData("misaligned", "SIGBUS", @"ldx \[%g1\], %i0 \(fault address 0x[0-9a-f]*4\)")]
    [InlineData("illegal", "SIGILL", @"illtrap 0 \(trap 0x010\)")]
    [InlineData("abort", "SIGABRT", @"\(sent by the program at pc 0x[0-9a-f]+\)")]
    public async Task Exec_FatalSignal_ReportsItAndExitsLikeQemu(string program, string signal, string detail)
    {
        var result = await Exec(program);
        var qemu = await Qemu(program);
        Assert.Equal(qemu.ExitCode, result.ExitCode);
        Assert.Equal(qemu.Stdout, result.Stdout);
        string report = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(new Regex($"^niagara: .*{program} killed by {signal} (at pc 0x[0-9a-f]+: )?{detail}$"), report);
    }

    [Fact]
    public async Task Exec_UnimplementedSyscall_StopsWithItsNumberAndStatus2()
    {
        var result = await Exec("bad_syscall");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("calling syscall 999\n", result.Stdout);
        Assert.Matches(new Regex(@"^niagara: unimplemented syscall 999 at pc 0x[0-9a-f]+\n$"), result.Stderr);
    }

    [Fact]
    public async Task Exec_MaxInstructions_StopsAnEndlessLoopWithStatus124()
    {
        programs.AssertReady();
        var result = await Niagara("exec", "--max-instructions", "200000", programs.PathOf("infinite_loop"));
        Assert.Equal(124, result.ExitCode);
        Assert.Matches(new Regex(@"^niagara: .*infinite_loop: stopped after 200000 instructions \(--max-instructions\) at pc 0x[0-9a-f]+\n$"), result.Stderr);
    }

    [Fact]
    public async Task Exec_Stats_PrintsInstructionsWallTimeAndMips()
    {
        programs.AssertReady();
        var result = await Niagara("exec", "--stats", programs.PathOf("exit_status"), "5");
        Assert.Equal(5, result.ExitCode);
        Assert.Matches(new Regex(@"instructions\s+[1-9][0-9]*\n"), result.Stderr);
        Assert.Matches(new Regex(@"wall time\s+[0-9]+\.[0-9]+ s\n"), result.Stderr);
        Assert.Matches(new Regex(@"simulated\s+[0-9]+\.[0-9]+ MIPS\n"), result.Stderr);
    }

    [Fact]
    public async Task Exec_GuestEnvironment_IsTheHostsUnlessOptionsChangeIt()
    {
        programs.AssertReady();
        string program = programs.PathOf("exit_status");
        var inherited = await Niagara("exec", program);
        Assert.Equal($"hello, world\nenv {GuestEnvironment.Fixed.Count}\n", inherited.Stdout);

        var set = await Niagara("exec", "--env", "GREETING=niagara", "--unset-env", "HOME", program);
        Assert.Equal($"hello, niagara\nenv {GuestEnvironment.Fixed.Count}\n", set.Stdout);

        var cleared = await Niagara("exec", "--clear-env", "--env", "GREETING=alone", program);
        Assert.Equal("hello, alone\nenv 1\n", cleared.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exec")]
    [InlineData("bogus")]
    [InlineData("exec --max-instructions lots prog")]
    [InlineData("exec --stack-size 12Q prog")]
    [InlineData("exec --no-such-option prog")]
    [InlineData("disasm")]
    public async Task BadArguments_PrintUsageAndExit2(string commandLine)
    {
        var result = await Niagara(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("niagara: ", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Exec_MissingFile_IsOneLineAndStatus2()
    {
        var result = await Niagara("exec", "/no/such/program");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("niagara: /no/such/program: No such file or directory\n", result.Stderr);
    }

    [Fact]
    public async Task Disasm_ListsTheTextSectionLikeObjdump()
    {
        programs.AssertReady();
        var result = await Niagara("disasm", programs.PathOf("exit_status"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Disassembly of section .text:", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\n[0-9a-f]{16} <main>:\n"), result.Stdout);
        Assert.Matches(new Regex(@"\n +[0-9a-f]+:\t9d e3 bf 50 \tsave  %sp, -176, %sp\n"), result.Stdout);
    }
}
