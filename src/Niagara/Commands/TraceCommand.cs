using System.CommandLine;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;
using Niagara.Tracing;

namespace Niagara.Commands;

/// <summary>
/// `niagara trace [IMAGE] -o FILE [--force] [run options]`: `niagara run` plus a Chrome
/// trace-event file of what the machine recorded and a cross-call summary at the end of the
/// report. The machine options are `niagara run`'s own
/// option objects, so their names, help and defaults cannot drift apart.
/// </summary>
public static class TraceCommand
{
    /// <summary>The `niagara run` options this command reads; a new run option must be added here (a test checks).</summary>
    public static IReadOnlyList<string> MachineOptionNames { get; } = ["--strands", "--memory", "--quantum", "--host-threads", "--max-cycles", "--timing"];

    public static Command Create()
    {
        Command run = RunCommand.Create();
        var output = new Option<string>("--output", "-o") { Description = "Write the trace here (Chrome trace-event JSON; open it in ui.perfetto.dev).", HelpName = "FILE", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists." };
        var command = new Command("trace", HelpText());
        foreach (Argument argument in run.Arguments)
        {
            command.Arguments.Add(argument);
        }

        foreach (Option option in run.Options)
        {
            command.Options.Add(option);
        }

        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(result =>
        {
            MachineConfiguration config;
            SynchronizerOptions synchronizer;
            Strands.Timing.TimingSchedule? timing;
            try
            {
                config = ChipLayout.Parse(result.GetValue<string?>("--strands"), result.GetValue<string?>("--memory"));
                synchronizer = RunCommand.ParseSynchronizer(result.GetValue<string?>("--quantum"), result.GetValue<string?>("--host-threads"), result.GetValue<string?>("--max-cycles"));
                timing = TimingMode.Parse(result.GetValue<string?>("--timing"));
            }
            catch (InvalidConfigurationException e)
            {
                Console.Error.WriteLine($"niagara: {e.Message}");
                return InvalidConfigurationException.ExitCode;
            }

            string? path = result.GetValue<string?>(run.Arguments[0].Name);
            TraceOutputFile? file = TraceOutputFile.Check(result.GetValue(output)!, result.GetValue(force), path is null ? [] : [path], Console.Error);
            if (file is null)
            {
                return CommandLine.UsageStatus;
            }

            if (GuestInput.Load(path, config, BuiltInGuest.Demo, out string name) is not { } guest)
            {
                return CommandLine.UsageStatus;
            }

            return TraceSession.Run(name, config, guest, synchronizer, file, timing);
        });
        return command;
    }

    private static string HelpText() =>
        "Run a sun4v guest image like `niagara run` and write what the machine recorded (hypercalls, guest traps and cross-calls) as Chrome trace-event JSON "
        + "(one track per strand, flow arrows from sender to receiver; times in microseconds at the core clock, exact cycles in each event's args). "
        + "The guest's console goes to stdout; the run report and a cross-call summary (latency in cycles, EWOULDBLOCK retries) to stderr. "
        + "An existing FILE is kept unless --force is given. "
        + "Exit status: as `niagara run`; "
        + $"{CommandLine.UsageStatus} also when FILE exists (without --force), is a directory or is the image; "
        + $"{TraceSession.OutputErrorStatus} when the trace cannot be written after the run.";
}
