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
/// `niagara scale [IMAGE] --host-threads 1,2,4`: runs the same simulation on each host-thread
/// count (in this process, one after the other, in rounds), checks that the architectural results
/// are identical and prints (and plots) how the simulator itself scales with host threads.
/// </summary>
public static class ScaleCommand
{
    /// <summary>Exit status when two runs' architectural results differ.</summary>
    public const int MismatchStatus = 1;

    /// <summary>
    /// Measured rounds by default. Other tenants of a shared host slow single runs down by up to
    /// 1.5x (this project's VMs); the median of 3 interleaved rounds keeps one bad moment out of
    /// the speedup.
    /// </summary>
    public const int DefaultRounds = 3;

    public const int MaxRounds = 100;

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
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Skip the untimed warm-up runs (one per count: JIT compilation of each mode's code) before the measured runs." };
        var repeat = new Option<string?>("--repeat") { Description = $"Measured rounds, 1..{MaxRounds} (default {DefaultRounds}); each round runs every count once, and the table shows each count's median run.", HelpName = "R" };
        var command = new Command("scale", HelpText()) { image, hostThreads, strands, memory, quantum, maxCycles, plots, noWarmup, repeat };
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

            int rounds = DefaultRounds;
            if (result.GetValue(repeat) is { } repeatText
                && (!int.TryParse(repeatText, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds is < 1 or > MaxRounds))
            {
                return CommandLine.UsageError($"--repeat: '{repeatText}' is not a count of rounds 1..{MaxRounds}");
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

            return Run(name, config, guest, options, threads, rounds, plotDirectory, !result.GetValue(noWarmup));
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

    private static int Run(string name, MachineConfiguration config, GuestImage guest, SynchronizerOptions options, IReadOnlyList<int> threads, int rounds, string? plotDirectory, bool warmup)
    {
        var runs = threads.Select(_ => new List<ScalePoint>()).ToArray();
        ScalePoint? reference = null;
        try
        {
            if (warmup)
            {
                // Each count once: code only the parallel mode runs (the pool's stealing, the
                // coordinators of other threads) is compiled here too, not in the first timed run.
                foreach (int n in threads)
                {
                    Console.Error.WriteLine($"scale: {name}: warm-up run on {n} host thread(s), not timed");
                    ScalePoint.Run(config, guest, options with { HostThreads = n });
                }
            }

            for (int round = 1; round <= rounds; round++)
            {
                for (int i = 0; i < threads.Count; i++)
                {
                    int n = threads[i];
                    Console.Error.WriteLine($"scale: {name}: round {round} of {rounds}: run on {n} host thread(s)");
                    ScalePoint point = ScalePoint.Run(config, guest, options with { HostThreads = n });
                    reference ??= point;
                    if (point.DifferenceFrom(reference) is { } difference)
                    {
                        Console.Error.WriteLine($"niagara: scale: {name}: the architectural results differ between {reference.HostThreads} and {n} host threads: {difference} (a guest that races on shared memory, or a simulator bug)");
                        return MismatchStatus;
                    }

                    runs[i].Add(point);
                }
            }
        }
        catch (StrandFailedException e)
        {
            Console.Error.WriteLine($"niagara: {name}: internal error: {e.Message}");
            return Program.InternalErrorStatus;
        }

        ScalePoint[] points = [.. runs.Select(ScalePoint.Median)];
        ScalePoint first = points[0];
        ScaleTable.Write(Console.Out, points, rounds);
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
        "Run one simulation on each host-thread count (after untimed warm-up runs, in rounds that each run every count once), "
        + "check that the architectural results (guest console output, instructions per strand, final cycle, how the run ended) "
        + "are identical, and print each count's median wall time, simulated MIPS, speedup over the first count and efficiency "
        + "(speedup / thread ratio) on stdout. "
        + $"Exit status: 0 when every run agrees; {MismatchStatus} when two differ; {CommandLine.UsageStatus} for bad arguments or images; "
        + $"{InvalidConfigurationException.ExitCode} for a configuration the chip cannot have; {RunReporting.OutputErrorStatus} when the plot cannot be written.";
}
