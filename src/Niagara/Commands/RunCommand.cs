using System.CommandLine;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;
using Niagara.Reports;
using Niagara.Telemetry;

namespace Niagara.Commands;

/// <summary>`niagara run [IMAGE] [options]`: runs a sun4v guest image on the simulated T1 (machine mode).</summary>
public static class RunCommand
{
    /// <param name="outputs">Add --report and --plots (`niagara run` itself; `niagara trace` copies the machine options only).</param>
    public static Command Create(bool outputs = false)
    {
        var image = new Argument<string?>("image")
        {
            Description = "A sun4v guest image (bare-metal SPARC V9 ELF64, entry at its lowest address + 0x20). Without one, the built-in demo (guest/bin/jobmix.elf) runs on all 32 strands.",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "IMAGE",
        };
        var strands = new Option<string?>("--strands") { Description = $"Strands (1..32, default {ChipLayout.DefaultStrands}), packed onto as few cores as possible.", HelpName = "N" };
        var memory = new Option<string?>("--memory") { Description = "Guest memory (suffix K, M or G; default 256M, at most 32G).", HelpName = "SIZE" };
        var quantum = new Option<string?>("--quantum") { Description = $"Cycles per quantum; cross-strand effects apply at quantum ends (default {SynchronizerOptions.DefaultQuantum}).", HelpName = "Q" };
        var hostThreads = new Option<string?>("--host-threads") { Description = "Host threads running strands, 1..8; core c is at home on thread c mod N, an idle thread takes strands of other cores. 1 (default) is deterministic mode.", HelpName = "N" };
        var maxCycles = new Option<string?>("--max-cycles") { Description = $"Stop a guest that has not exited after C cycles (exit {MachineSession.CycleLimitStatus}).", HelpName = "C" };
        var timing = new Option<string?>("--timing") { Description = "Timing model: none (default, one cycle per instruction), t1 (the T1 pipelines and memory system, parallel quantum scheme) or t1-reference (the same with a core's strands interleaved cycle by cycle).", HelpName = "MODE" };
        var command = new Command("run", HelpText())
        {
            image, strands, memory, quantum, hostThreads, maxCycles, timing,
        };
        var report = new Option<string?>("--report") { Description = "Also write the run report as JSON (schema: docs/report-schema.json); FILE is replaced atomically after the run.", HelpName = "FILE" };
        var plots = new Option<string?>("--plots") { Description = "Write plots (SVG and PNG: instructions and IPC per strand, cross-call latency histogram) into DIR, created if missing.", HelpName = "DIR" };
        if (outputs)
        {
            command.Options.Add(report);
            command.Options.Add(plots);
        }

        TelemetryCommandOptions? telemetry = outputs ? new TelemetryCommandOptions() : null;
        telemetry?.AddTo(command);

        command.SetAction(result =>
        {
            MachineConfiguration config;
            SynchronizerOptions synchronizer;
            TelemetryOptions exports;
            Strands.Timing.TimingSchedule? schedule;
            try
            {
                config = ChipLayout.Parse(result.GetValue(strands), result.GetValue(memory));
                synchronizer = ParseSynchronizer(result.GetValue(quantum), result.GetValue(hostThreads), result.GetValue(maxCycles));
                exports = telemetry?.Parse(result) ?? TelemetryOptions.None;
                schedule = TimingMode.Parse(result.GetValue(timing));
            }
            catch (InvalidConfigurationException e)
            {
                Console.Error.WriteLine($"niagara: {e.Message}");
                return InvalidConfigurationException.ExitCode;
            }

            var runOutputs = new RunOutputs(result.GetValue(report), result.GetValue(plots));
            if (runOutputs.Check() is { } outputError)
            {
                return CommandLine.UsageError(outputError);
            }

            string? path = result.GetValue(image);
            if (GuestInput.Load(path, config, BuiltInGuest.Demo, out string name) is not { } guest)
            {
                return CommandLine.UsageStatus;
            }

            return TelemetryCommandOptions.Run(exports, name, config, synchronizer, session => MachineSession.Run(name, config, guest, synchronizer, runOutputs, schedule, session));
        });
        return command;
    }

    /// <summary>The --quantum, --host-threads and --max-cycles rules, shared with `niagara trace`.</summary>
    internal static SynchronizerOptions ParseSynchronizer(string? quantum, string? hostThreads, string? maxCycles)
    {
        var options = new SynchronizerOptions();
        if (quantum is not null)
        {
            ulong q = ConfigurationValues.ParseInteger("quantum", quantum);
            if (q is 0 or > SynchronizerOptions.MaxQuantum)
            {
                throw new InvalidConfigurationException("quantum", $"{q} is outside 1..{SynchronizerOptions.MaxQuantum} cycles");
            }

            options = options with { Quantum = q };
        }

        if (hostThreads is not null)
        {
            options = options with { HostThreads = ConfigurationValues.ParseCount("host-threads", hostThreads, 1, T1Limits.MaxCores) };
        }

        if (maxCycles is not null)
        {
            ulong c = ConfigurationValues.ParseInteger("max-cycles", maxCycles);
            if (c == 0)
            {
                throw new InvalidConfigurationException("max-cycles", "must be at least 1");
            }

            options = options with { MaxCycles = c };
        }

        return options;
    }

    private static string HelpText() =>
        "Run a sun4v guest image on the simulated UltraSPARC T1. The guest's console goes to stdout, the run report to stderr. "
        + "Exit status: the guest's mach_exit code (255 if it does not fit 0..255); "
        + $"{CommandLine.UsageStatus} for an image that is not a sun4v-loadable ELF; "
        + $"{InvalidConfigurationException.ExitCode} for a configuration the chip cannot have; "
        + $"{MachineSession.CycleLimitStatus} when --max-cycles stops the guest; "
        + $"{MachineOutcome.ErrorExitCode} when the machine ends in error (a strand in error state, the watchdog, no strand left running); "
        + $"{Program.InternalErrorStatus} for a simulator failure.";
}
