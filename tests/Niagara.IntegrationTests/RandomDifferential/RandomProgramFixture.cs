using System.Globalization;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Generates the random sequences once per test class, compiles them with
/// tests/programs/random/driver.c into a static sparc64 program and runs it under qemu, whose
/// output is the reference. NIAGARA_RANDOM_SEED and NIAGARA_RANDOM_SEQUENCES override the fixed
/// seed and count for exploring; a failure is kept and reported by every test.
/// </summary>
public sealed class RandomProgramFixture : IAsyncLifetime
{
    public const int DefaultSeed = 20_240_611;
    public const int DefaultSequences = 4000;

    private string? workDirectory;

    public int Seed { get; } = FromEnvironment("NIAGARA_RANDOM_SEED", DefaultSeed, minimum: 0);

    public int SequenceCount { get; } = FromEnvironment("NIAGARA_RANDOM_SEQUENCES", DefaultSequences, minimum: 1);

    public IReadOnlyList<GeneratedSequence> Sequences { get; private set; } = [];

    /// <summary>The compiled program (in a temporary directory).</summary>
    public string ProgramPath { get; private set; } = "";

    public string WorkDirectory => workDirectory ?? "";

    public ProcessResult? Qemu { get; private set; }

    public List<RegisterDump?> QemuDumps { get; private set; } = [];

    public string? Error { get; private set; }

    public TimeSpan CompileTime { get; private set; }

    /// <summary>How to rerun exactly this case.</summary>
    public string Reproduce =>
        $"reproduce: NIAGARA_RANDOM_SEED={Seed} NIAGARA_RANDOM_SEQUENCES={SequenceCount} dotnet test tests/Niagara.IntegrationTests --filter RandomDifferential";

    public async Task InitializeAsync()
    {
        try
        {
            Toolchain.Require(Toolchain.CrossCompiler);
            Toolchain.Require(Toolchain.Qemu);
            workDirectory = Directory.CreateTempSubdirectory("niagara-random-").FullName;
            Sequences = new RandomSequenceGenerator(Seed).Generate(SequenceCount);
            (ProgramPath, CompileTime) = await RandomProgram.CompileAsync(Sequences, Seed, workDirectory, "random");
            Qemu = await RandomProgram.RunQemuAsync(ProgramPath, workDirectory);
            if (Qemu.TimedOut || Qemu.ExitCode != 0)
            {
                Error = $"qemu failed on the random program (exit {Qemu.ExitCode}, timed out: {Qemu.TimedOut}); {Reproduce}\n{Qemu.Stderr}";
                return;
            }

            QemuDumps = RegisterDump.ParseAll(Qemu.Stdout);
        }
        catch (InvalidOperationException e)
        {
            Error = e.Message;
        }
    }

    public Task DisposeAsync()
    {
        if (workDirectory is not null && Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    public void AssertReady()
    {
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
    }

    private static int FromEnvironment(string name, int fallback, int minimum)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum
            ? value
            : throw new InvalidOperationException($"{name}='{text}' is not an integer >= {minimum}.");
    }
}
