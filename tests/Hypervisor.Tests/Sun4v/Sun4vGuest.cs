using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

/// <summary>
/// A sun4v machine running a small assembly guest, driven by the deterministic sequential
/// schedule (per quantum every strand in id order, then the boundary). Guest memory is
/// <see cref="MemorySize"/> bytes at <see cref="Base"/>; the image starts at the base, boot code
/// at `.org 0x20`. Programs store results with the prelude's RESULT macro into a `results`
/// label (256 bytes per strand).
/// </summary>
public sealed class Sun4vGuest
{
    public const ulong Base = 0x4000_0000;
    public const ulong MemorySize = 16 * 1024 * 1024;

    public Sun4vGuest(string source, int cores = 1, int strandsPerCore = 1, Sun4vMachineOptions? options = null, bool consoleConfigured = true, ulong clockHz = 1_000_000_000)
    {
        var (image, symbols) = GuestImageAssembler.Build(source, Base);
        Symbols = symbols;
        Config = new MachineConfiguration
        {
            Cores = cores,
            StrandsPerCore = strandsPerCore,
            MemoryBase = Base,
            MemorySize = MemorySize,
            ClockFrequencyHz = clockHz,
        };
        Console = consoleConfigured ? new TextWriterConsole(Output) : TextWriterConsole.Unconfigured();
        Machine = new Sun4vMachine(Config, [new GuestImageSegment(Base, image, (ulong)image.Length)], Console, options);
    }

    public MachineConfiguration Config { get; }

    public StringWriter Output { get; } = new();

    public TextWriterConsole Console { get; }

    public Sun4vMachine Machine { get; }

    public Dictionary<string, ulong> Symbols { get; }

    /// <summary>Runs to the end and returns the outcome; fails the test if the guest never ends.</summary>
    public MachineOutcome Run(ulong quantum = 1000, ulong maxCycles = 5_000_000)
    {
        MachineOutcome? outcome = Machine.RunDeterministic(quantum, maxCycles);
        Assert.True(outcome is not null, $"guest still running at cycle {Machine.Cycle}; pcs: {string.Join(", ", Machine.Cpus.Select(c => $"{c.Id}:{c.State}@0x{c.Strand.Pc:x}"))}");
        return outcome;
    }

    /// <summary>Runs and checks the guest exited with code 0.</summary>
    public Sun4vGuest RunToExit(ulong quantum = 1000)
    {
        MachineOutcome outcome = Run(quantum);
        Assert.True(outcome.Reason == MachineEndReason.GuestExit && outcome.GuestExitCode == 0, outcome.Message);
        return this;
    }

    /// <summary>results[<paramref name="index"/>] of strand <paramref name="strand"/>.</summary>
    public ulong Result(int index, int strand = 0) => Machine.Memory.ReadU64(Symbols["results"] + (ulong)(strand * 256) + (ulong)(index * 8));

    public HypervisorError Status(int index, int strand = 0) => (HypervisorError)Result(index, strand);

    public ulong Symbol(string name) => Symbols[name];
}
