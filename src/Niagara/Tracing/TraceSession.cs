using System.Globalization;
using System.Text;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Strands.Timing;

namespace Niagara.Tracing;

/// <summary>
/// One `niagara trace`: a `niagara run` (same machine, same console on stdout, same run report
/// and exit status) that afterwards writes the hypercalls, guest traps and cross-calls as Chrome trace-event JSON and
/// ends the report with the cross-call summary. The trace is written for every ending the
/// guest caused (exit, error state, watchdog, cycle limit): those are the runs worth looking at.
/// </summary>
public static class TraceSession
{
    /// <summary>Exit status when the trace file cannot be written after the run (sysexits EX_CANTCREAT).</summary>
    public const int OutputErrorStatus = 73;

    /// <param name="timing">The timing model's schedule, or null for functional timing (--timing).</param>
    public static int Run(string name, MachineConfiguration config, GuestImage image, SynchronizerOptions options, TraceOutputFile output, TimingSchedule? timing = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        var console = new TextWriterConsole(stdout);
        var events = new MachineEventRecorder(T1Limits.MaxStrands);
        var machine = new Sun4vMachine(config, image.Segments, console, new Sun4vMachineOptions { Events = events });
        if (timing is { } schedule)
        {
            machine.EnableTiming(schedule);
        }

        SynchronizerResult result;
        try
        {
            result = Synchronizer.Run(machine, options);
        }
        catch (StrandFailedException e)
        {
            console.Flush();
            Console.Error.WriteLine($"niagara: {name}: internal error: {e.Message}");
            return Program.InternalErrorStatus;
        }

        console.Flush();
        RunReport.Write(Console.Error, result, config.ClockFrequencyHz);
        TimingReport.Write(Console.Error, machine.TimingSnapshot(), config.ClockFrequencyHz);
        MachineTrace trace = Sun4vTraceAdapter.FromHypervisor(machine.Hypervisor, events, result.Cycle);
        Console.Error.Write(CrossCallSummaryText.Format(CrossCallSummary.From(trace)));

        // Not the host threads: for race-free guests the trace is the same in parallel mode.
        KeyValuePair<string, string>[] metadata =
        [
            new("image", Path.GetFileName(name)),
            new("quantum", result.Quantum.ToString(CultureInfo.InvariantCulture)),
        ];
        ChromeTraceStats? stats = null;
        if (!output.Write(stream => stats = ChromeTraceWriter.Write(trace, stream, metadata), Console.Error))
        {
            return OutputErrorStatus;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trace: {stats!.Events} events ({stats.Hypercalls} hypercalls, {stats.Traps} traps, {stats.CrossCallEvents} cross-call events) written to {output.Path}"));
        return MachineSession.ExitStatus(name, machine, result);
    }
}
