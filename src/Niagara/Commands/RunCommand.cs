using System.CommandLine;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;

namespace Niagara.Commands;

/// <summary>`niagara run [IMAGE] [options]`: runs a sun4v guest image on the simulated T1 (machine mode).</summary>
public static class RunCommand
{
    public static Command Create()
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
        var hostThreads = new Option<string?>("--host-threads") { Description = "Host threads running strands, 1..8; core c runs on thread c mod N. 1 (default) is deterministic mode.", HelpName = "N" };
        var maxCycles = new Option<string?>("--max-cycles") { Description = $"Stop a guest that has not exited after C cycles (exit {MachineSession.CycleLimitStatus}).", HelpName = "C" };
        var command = new Command("run", HelpText())
        {
            image, strands, memory, quantum, hostThreads, maxCycles,
        };
        command.SetAction(result =>
        {
            MachineConfiguration config;
            SynchronizerOptions synchronizer;
            try
            {
                config = ChipLayout.Parse(result.GetValue(strands), result.GetValue(memory));
                synchronizer = ParseSynchronizer(result.GetValue(quantum), result.GetValue(hostThreads), result.GetValue(maxCycles));
            }
            catch (InvalidConfigurationException e)
            {
                Console.Error.WriteLine($"niagara: {e.Message}");
                return InvalidConfigurationException.ExitCode;
            }

            string? path = result.GetValue(image);
            string name = path ?? BuiltInDemo.Name;
            if (path is null)
            {
                Console.Error.WriteLine($"niagara: {BuiltInDemo.Description}");
            }

            byte[]? data = path is null ? BuiltInDemo.Read() : CommandLine.ReadInput(path);
            if (data is null)
            {
                return CommandLine.UsageStatus;
            }

            GuestImage guest;
            try
            {
                guest = GuestImageLoader.Load(data, config);
            }
            catch (ElfFormatException e)
            {
                Console.Error.WriteLine($"niagara: {name}: {e.Message}");
                return CommandLine.UsageStatus;
            }

            return MachineSession.Run(name, config, guest, synchronizer);
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
