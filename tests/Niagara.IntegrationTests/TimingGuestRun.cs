using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Strands.Timing;

namespace Niagara.IntegrationTests;

/// <summary>
/// Runs a committed guest image (guest/bin) in process on the sun4v machine in timing mode, with
/// the deterministic schedule, and keeps its console text and timing figures.
/// </summary>
public sealed class TimingGuestRun
{
    private TimingGuestRun(string console, Sun4vMachine machine)
    {
        Console = console;
        Machine = machine;
        Snapshot = machine.TimingSnapshot() ?? throw new InvalidOperationException("not in timing mode");
    }

    public string Console { get; }

    public Sun4vMachine Machine { get; }

    public TimingSnapshot Snapshot { get; }

    /// <summary>Simulated cycles until the guest ended the machine (a quantum boundary).</summary>
    public ulong Cycles => Machine.Cycle;

    public static TimingGuestRun Run(string workload, int strands, TimingSchedule schedule, ulong quantum = 8192)
    {
        var config = ChipLayout.Parse(strands.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        GuestImage image = GuestImageLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "guest", "bin", workload + ".elf")), config);
        using var text = new StringWriter();
        var console = new TextWriterConsole(text);
        var machine = new Sun4vMachine(config, image.Segments, console);
        machine.EnableTiming(schedule);
        MachineOutcome? outcome = machine.RunDeterministic(quantum, 2_000_000_000);
        console.Flush();
        Assert.True(outcome is { ExitCode: 0 }, $"{workload} on {strands} strands ({schedule}): {outcome?.Message ?? "no exit"}\n{text}");
        return new TimingGuestRun(text.ToString(), machine);
    }

    /// <summary>The core of strand 0 (every test packs its strands onto core 0).</summary>
    public CoreTimingSnapshot Core0 => Snapshot.Cores.Single(c => c.Core == 0);
}
