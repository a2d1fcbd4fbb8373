namespace Niagara.IntegrationTests;

/// <summary>Runs every tests/programs program (at -O0 and -O2) under qemu-sparc64 and under
/// <c>niagara exec</c> with the same arguments and environment, and requires identical stdout,
/// stderr and exit code.</summary>
[Collection(ProcessModeCollection.Name)]
public sealed class ProcessModeDifferentialTests(GuestProgramsFixture programs)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var name in GuestPrograms.Names())
            {
                foreach (var level in GuestPrograms.OptimizationLevels)
                {
                    cases.Add(name, level);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exec_Program_MatchesQemuStdoutStderrAndExitCode(string program, string optimization)
    {
        programs.AssertReady();
        var guest = GuestPrograms.Load(program);
        var binary = GuestPrograms.BinaryPath(program, optimization);
        var what = $"{program}.{optimization} {string.Join(' ', guest.Arguments)}".TrimEnd();
        var workDir = RepoPaths.ProgramsBuildDirectory;

        var expected = await ProcessRunner.RunAsync(
            programs.QemuPath, ["-cpu", Toolchain.QemuCpu, binary, .. guest.Arguments], GuestEnvironment.Fixed, workDir, RunTimeout);
        Assert.False(expected.TimedOut, $"qemu timed out after {RunTimeout.TotalSeconds} s on {what}");

        Assert.True(File.Exists(SimulatorCli.AssemblyPath), $"{SimulatorCli.AssemblyPath} is missing: the test project must reference src/Niagara");
        var actual = await ProcessRunner.RunAsync(
            SimulatorCli.DotnetHost, SimulatorCli.ExecArguments(binary, guest.Arguments), GuestEnvironment.Fixed, workDir, RunTimeout);
        Assert.False(actual.TimedOut, $"niagara exec timed out after {RunTimeout.TotalSeconds} s on {what}; stderr:\n{actual.Stderr}");

        OutputComparison.AssertSame(expected, actual, what);
    }
}
