using System.Collections.Concurrent;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Strands.Timing;

namespace Niagara.Bench;

/// <summary>
/// One guest image from guest/bin run to its exit on the deterministic schedule (no actors: the
/// simulation alone), in functional mode or a timing mode, and what it measured. Results are
/// remembered per (workload, strands, mode) for the benchmark columns.
/// </summary>
public static class TimingRuns
{
    private static readonly ConcurrentDictionary<string, Result> Measured = new();

    /// <param name="Instructions">Guest instructions over the run.</param>
    /// <param name="Cycles">Simulated cycles to the guest's exit.</param>
    public sealed record Result(ulong Instructions, ulong Cycles);

    public static string Image(string workload) => Path.Combine(GuestKernels.RepositoryRoot, "guest", "bin", workload + ".elf");

    /// <summary>Runs <paramref name="workload"/> on <paramref name="strands"/> strands with `--timing <paramref name="mode"/>`.</summary>
    public static Result Run(string workload, int strands, string mode)
    {
        var config = ChipLayout.Parse(strands.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        var machine = new Sun4vMachine(config, GuestImageLoader.Load(File.ReadAllBytes(Image(workload)), config).Segments, new TextWriterConsole(TextWriter.Null));
        if (TimingMode.Parse(mode) is TimingSchedule schedule)
        {
            machine.EnableTiming(schedule);
        }

        MachineOutcome? outcome = machine.RunDeterministic(SynchronizerOptions.DefaultQuantum, ulong.MaxValue);
        if (outcome is not { ExitCode: 0 })
        {
            throw new InvalidOperationException($"{workload} did not exit cleanly: {outcome?.Message ?? "cycle limit"}");
        }

        var result = new Result(machine.InstructionsRetired, machine.Cycle);
        Measured[Key(workload, strands, mode)] = result;
        return result;
    }

    /// <summary>The result of an earlier run with these parameters, else a fresh run.</summary>
    public static Result Remembered(string workload, int strands, string mode) =>
        Measured.TryGetValue(Key(workload, strands, mode), out Result? r) ? r : Run(workload, strands, mode);

    private static string Key(string workload, int strands, string mode) => $"{workload}/{strands}/{mode}";
}
