using System.Runtime.CompilerServices;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>Builds a static sparc64 program from generated sequences and runs it under qemu or
/// the simulator (both with the same fixed environment).</summary>
public static class RandomProgram
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan QemuTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How long a simulator run may take; a hang (say, a branch to the wrong place) ends there.</summary>
    public static TimeSpan SimulatorTimeout { get; } = TimeSpan.FromMinutes(2);

    public static string DriverPath { get; } = FindDriver();

    // Found from this source file's path first: the test assembly may be built outside the
    // repository (dotnet test --artifacts-path), where RepoPaths cannot find the root.
    private static string FindDriver([CallerFilePath] string source = "")
    {
        string besideSource = Path.GetFullPath(
            Path.Combine(Path.GetDirectoryName(source) ?? ".", "..", "..", "programs", "random", "driver.c"));
        return File.Exists(besideSource) ? besideSource : Path.Combine(RepoPaths.ProgramsDirectory, "random", "driver.c");
    }

    /// <summary>Writes <paramref name="name"/>.s and compiles it with the driver into <paramref name="name"/>;
    /// returns the program's path, or throws with the compiler's output.</summary>
    public static async Task<(string Program, TimeSpan Elapsed)> CompileAsync(
        IReadOnlyList<GeneratedSequence> sequences, int seed, string workDirectory, string name)
    {
        string compiler = Toolchain.Require(Toolchain.CrossCompiler);
        string assembly = Path.Combine(workDirectory, name + ".s");
        await File.WriteAllTextAsync(assembly, HarnessWriter.Assembly(sequences, seed));
        string program = Path.Combine(workDirectory, name);
        ProcessResult compile = await ProcessRunner.RunAsync(
            compiler, ["-static", "-O2", "-Wall", "-Wextra", "-o", program, DriverPath, assembly],
            environment: null, workDirectory, CompileTimeout);
        if (compile.TimedOut || compile.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"compiling {assembly} failed (exit {compile.ExitCode}, timed out: {compile.TimedOut}):\n{compile.Stdout}{compile.Stderr}");
        }

        return (program, compile.Elapsed);
    }

    public static Task<ProcessResult> RunQemuAsync(string program, string workDirectory) =>
        ProcessRunner.RunAsync(
            Toolchain.Require(Toolchain.Qemu), ["-cpu", Toolchain.QemuCpu, program], GuestEnvironment.Fixed, workDirectory, QemuTimeout);

    public static Task<ProcessResult> RunSimulatorAsync(string program, string workDirectory) =>
        ProcessRunner.RunAsync(
            SimulatorCli.DotnetHost, SimulatorCli.ExecArguments(program, []), GuestEnvironment.Fixed, workDirectory, SimulatorTimeout);
}
