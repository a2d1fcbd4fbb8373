using System.CommandLine;
using System.Globalization;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Reports;
using Niagara.Reports.Plots;
using Niagara.Reports.Scaling;

namespace Niagara.Commands;

/// <summary>
/// `niagara scale [IMAGE] --host-threads 1,2,4`: runs the same simulation once per host-thread
/// count (in this process, one after the other), checks that the architectural results are
/// identical and prints (and plots) how the simulator itself scales with host threads.
/// </summary>
public static class ScaleCommand
{
    /// <summary>Exit status when two runs' architectural results differ.</summary>
    public const int MismatchStatus = 1;

    public static Command Create()
    {
        var image = new Argument<string?>("image")
        {
            Description = "A sun4v guest image; without one, the built-in race-free workload (guest/bin/compute.elf) on all 32 strands.",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "IMAGE",
        };
        var hostThreads = new Option<string>("--host-threads") { Description = $"Comma-separated host-thread counts, each 1..{T1Limits.MaxCores}; speedup is relative to the first.", HelpName = "N,N,...", DefaultValueFactory = _ => "1,2" };
        var strands = new Option<string?>("--strands") { Description = $"Strands (1..32, default {ChipLayout.DefaultStrands}).", HelpName = "N" };
        var memory = new Option<string?>("--memory") { Description = "Guest memory (suffix K, M or G; default 256M).", HelpName = "SIZE" };
        var quantum = new Option<string?>("--quantum") { Description = $"Cycles per quantum (default {SynchronizerOptions.DefaultQuantum}).", HelpName = "Q" };
        var maxCycles = new Option<string?>("--max-cycles") { Description = "Stop every run at cycle C if the guest has not exited (bounds a long workload).", HelpName = "C" };
        var plots = new Option<string?>("--plots") { Description = "Write the scaling plot (scaling.svg and scaling.png) into DIR, created if missing.", HelpName = "DIR" };
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Skip the untimed warm-up run (JIT compilation) before the measured runs." };
        var command = new Command("scale", HelpText()) { image, hostThreads, strands, memory, quantum, maxCycles, plots, noWarmup };
        command.SetAction(result =>
        {
            MachineConfiguration config;
            SynchronizerOptions options;
            IReadOnlyList<int> threads;
            try
            {
                config = ChipLayout.Parse(result.GetValue(strands), result.GetValue(memory));
                options = RunCommand.ParseSynchronizer(result.GetValue(quantum), null, result.GetValue(maxCycles));
                threads = ParseThreadCounts(result.GetValue(hostThreads)!);
            }
            catch (InvalidConfigurationException e)
            {
                Console.Error.WriteLine($"niagara: {e.Message}");
                return InvalidConfigurationException.ExitCode;
            }

            string? plotDirectory = result.GetValue(plots);
            if (plotDirectory is not null && ReportFile.CheckDirectory(plotDirectory) is { } plotError)
            {
                return CommandLine.UsageError(plotError);
            }

            string? path = result.GetValue(image);
            if (GuestInput.Load(path, config, BuiltInGuest.Scaling, out string name) is not { } guest)
            {
                return CommandLine.UsageStatus;
            }

            return Run(name, config, guest, options, threads, plotDirectory, !result.GetValue(noWarmup));
        });
        return command;
    }

    /// <summary>"1,2,4" -> [1, 2, 4]; throws <see cref="InvalidConfigurationException"/>.</summary>
    public static IReadOnlyList<int> ParseThreadCounts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new List<int>();
        foreach (string part in text.Split(','))
        {
            int n = ConfigurationValues.ParseCount("host-threads", part.Trim(), 1, T1Limits.MaxCores);
            if (counts.Contains(n))
            {
                throw new InvalidConfigurationException("host-threads", $"{n} is listed twice");
            }

            counts.Add(n);
        }

        return counts;
    }

    private static int Run(string name, MachineConfiguration config, GuestImage guest, SynchronizerOptions options, IReadOnlyList<int> threads, string? plotDirectory, bool warmup)
    {
        var points = new List<ScalePoint>();
        try
        {
            if (warmup)
            {
                Console.Error.WriteLine($"scale: {name}: warm-up run on {threads[0]} host thread(s), not timed");
                ScalePoint.Run(config, guest, options with { HostThreads = threads[0] });
            }

            foreach (int n in threads)
            {
                Console.Error.WriteLine($"scale: {name}: run on {n} host thread(s)");
                ScalePoint point = ScalePoint.Run(config, guest, options with { HostThreads = n });
                if (points.Count > 0 && point.DifferenceFrom(points[0]) is { } difference)
                {
                    Console.Error.WriteLine($"niagara: scale: {name}: the architectural results differ between {points[0].HostThreads} and {n} host threads: {difference} (a guest that races on shared memory, or a simulator bug)");
                    return MismatchStatus;
                }

                points.Add(point);
            }
        }
        catch (StrandFailedException e)
        {
            Console.Error.WriteLine($"niagara: {name}: internal error: {e.Message}");
            return Program.InternalErrorStatus;
        }

        ScalePoint first = points[0];
        ScaleTable.Write(Console.Out, points);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"identical on every run: {first.Ending}; final cycle {first.Cycle}; {first.TotalInstructions} instructions on {first.StrandIds.Count} strands, each strand's count equal; console output {first.Console.Length} bytes"));
        if (plotDirectory is not null)
        {
            if (!PlotFiles.EnsureDirectory(plotDirectory, Console.Error)
                || PlotFiles.Save(ScalingPlot.Create(points, Path.GetFileName(name)), plotDirectory, ScalingPlot.Name, Console.Error) is not { } svg)
            {
                return RunReporting.OutputErrorStatus;
            }

            Console.Error.WriteLine($"plots: {svg} (and .png)");
        }

        return 0;
    }

    private static string HelpText() =>
        "Run one simulation once per host-thread count (after an untimed warm-up run), check that the architectural results "
        + "(guest console output, instructions per strand, final cycle, how the run ended) are identical, and print wall time, "
        + "simulated MIPS, speedup over the first count and efficiency (speedup / thread ratio) on stdout. "
        + $"Exit status: 0 when every run agrees; {MismatchStatus} when two differ; {CommandLine.UsageStatus} for bad arguments or images; "
        + $"{InvalidConfigurationException.ExitCode} for a configuration the chip cannot have; {RunReporting.OutputErrorStatus} when the plot cannot be written.";
}
