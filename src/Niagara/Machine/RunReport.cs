using System.Globalization;
using Niagara.Reports;

namespace Niagara.Machine;

/// <summary>
/// The table a machine run ends with (to stderr: stdout carries the guest's console): per
/// strand and per core instructions, cycles and IPC, then the run and host figures. It only
/// formats a <see cref="RunSummary"/>; the cross-call summary follows it (Tracing/CrossCallSummaryText).
/// </summary>
public static class RunReport
{
    /// <param name="clockHz">The configured core clock, to express simulated time.</param>
    public static void Write(TextWriter output, SynchronizerResult result, ulong clockHz) =>
        Write(output, RunSummaryBuilder.Build(string.Empty, result, clockHz, ulong.MaxValue, null, null, outcomeKnown: false), result.Stop);

    public static void Write(TextWriter output, RunSummary summary, RunStop stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("niagara run report");
        output.WriteLine("  strand  instructions        cycles    IPC");
        foreach (StrandSummary s in summary.Strands)
        {
            output.WriteLine(string.Format(c, "  {0,6}  {1,12}  {2,12}  {3,5:F3}", s.Id, s.Instructions, s.Cycles, s.Ipc));
        }

        output.WriteLine(string.Format(c, "  {0,6}  {1,12}", "total", summary.Instructions));

        // IPC per core can reach the strand count in functional timing (each strand retires one
        // instruction a cycle); the T1 pipeline issues one a cycle once the timing model exists.
        output.WriteLine("  core  strands  instructions        cycles    IPC");
        foreach (CoreSummary core in summary.Cores)
        {
            output.WriteLine(string.Format(c, "  core {0}  {1,7}  {2,12}  {3,12}  {4,5:F3}", core.Id, StrandRange(core.Strands), core.Instructions, core.Cycles, core.Ipc));
        }

        SynchronizerSummary sync = summary.Synchronizer;
        HostSummary host = summary.Host;
        ulong clockHz = summary.Machine.ClockHz;
        output.WriteLine(string.Format(c, "  stop            {0}", stop == RunStop.MachineFinished ? "the guest ended the machine" : "cycle limit reached"));
        output.WriteLine(string.Format(c, "  host threads    {0} ({1})", sync.HostThreads,
            sync.HostThreads == 1 ? "deterministic mode" : $"parallel mode, core c at home on thread c mod {sync.HostThreads}, idle threads take strands of others"));
        output.WriteLine(string.Format(c, "  quanta          {0} of {1} cycles, {2:F0} quanta/s", sync.Quanta, sync.Quantum, host.QuantaPerSecond));
        output.WriteLine(string.Format(c, "  parked          {0} of {1} strand-quanta run at the boundary (the strand could not issue)",
            sync.ParkedStrandQuanta, sync.Quanta * (ulong)summary.Strands.Count));
        output.WriteLine(string.Format(c, "  simulated time  {0} cycles ({1:F3} ms at {2:F2} GHz)", summary.Cycles, summary.Cycles * 1e3 / clockHz, clockHz / 1e9));
        output.WriteLine(string.Format(c, "  host wall time  {0:F3} s", host.WallSeconds));
        output.WriteLine(string.Format(c, "  simulated MIPS  {0:F1} total, {1:F1} per host thread", host.Mips, host.MipsPerHostThread));
        if (host.Threads.Count > 1)
        {
            foreach (HostThreadSummary t in host.Threads)
            {
                output.WriteLine(string.Format(c, "  host thread {0,-3} {1} strand runs ({2} of other threads' cores), {3:F3} s in strands",
                    t.Thread, t.StrandRuns, t.TakenFromOtherThreads, t.BusySeconds));
            }
        }
    }

    // "0-3" for a core's consecutive strand ids, "5" for one.
    private static string StrandRange(IReadOnlyList<int> strands) =>
        strands.Count == 1 ? strands[0].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{strands[0]}-{strands[^1]}");
}
