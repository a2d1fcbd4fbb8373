using System.Text;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Reports;
using Niagara.Strands.Timing;
using Niagara.Telemetry;

namespace Niagara.Machine;

/// <summary>
/// One `niagara run`: builds the sun4v machine, runs it with the synchronizer, writes the run
/// report to stderr and turns the outcome into an exit status. The guest console writes to
/// stdout at every quantum boundary, so whatever the guest printed before an error stays.
/// </summary>
public static class MachineSession
{
    /// <summary>Exit status when --max-cycles stops a guest that has not exited (like timeout(1), and exec's --max-instructions).</summary>
    public const int CycleLimitStatus = 124;

    public static int Run(string name, MachineConfiguration config, GuestImage image, SynchronizerOptions options, RunOutputs? outputs = null, TimingSchedule? timing = null, TelemetrySession? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        var console = new TextWriterConsole(stdout);
        using var reporting = new RunReporting(name, config, options, outputs);
        var machine = new Sun4vMachine(config, image.Segments, reporting.Console(console), telemetry?.MachineOptions);
        if (timing is { } schedule)
        {
            machine.EnableTiming(schedule);
        }

        SynchronizerResult result;
        try
        {
            result = Synchronizer.Run(TelemetrySession.Wrap(telemetry, machine, reporting.Watch(machine), options.HostThreads), options);
        }
        catch (StrandFailedException e)
        {
            console.Flush();
            reporting.Dispose();
            Console.Error.WriteLine($"niagara: {name}: internal error: {e.Message}");
            return Program.InternalErrorStatus;
        }

        console.Flush();
        telemetry?.Complete(result);
        TimingSnapshot? timingSnapshot = machine.TimingSnapshot();
        if (!reporting.Finish(machine, result, Console.Error, TimingReportJson.Build(timingSnapshot, config.ClockFrequencyHz)))
        {
            return RunReporting.OutputErrorStatus;
        }

        TimingReport.Write(Console.Error, timingSnapshot, config.ClockFrequencyHz);

        return ExitStatus(name, machine, result);
    }

    /// <summary>The guest's mach_exit code, or why it did not exit (one line on stderr) and that ending's status; `niagara trace` ends the same way.</summary>
    public static int ExitStatus(string name, Sun4vMachine machine, SynchronizerResult result)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(result);
        if (machine.Outcome is not { } outcome)
        {
            Console.Error.WriteLine($"niagara: {name}: the guest did not exit within {result.Cycle} cycles (--max-cycles)");
            return CycleLimitStatus;
        }

        if (outcome.Reason != MachineEndReason.GuestExit)
        {
            Console.Error.WriteLine($"niagara: {name}: {outcome.Message}");
        }

        return outcome.ExitCode;
    }
}
