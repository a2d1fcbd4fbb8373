using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;
using Niagara.Tracing;

namespace Niagara.Reports;

/// <summary>Turns what the synchronizer and the machine counted into a <see cref="RunSummary"/>.</summary>
public static class RunSummaryBuilder
{
    /// <param name="image">The image path as given, or the built-in demo's name.</param>
    /// <param name="outcome">The machine's outcome (null when the cycle limit stopped it); see <paramref name="outcomeKnown"/>.</param>
    /// <param name="outcomeKnown">False when the caller does not have the machine: the summary's outcome stays null.</param>
    /// <param name="crossCalls">The cross-call part (<see cref="FromCrossCalls"/>), or null.</param>
    /// <param name="maxCycles">The run's cycle limit (<see cref="ulong.MaxValue"/>: none).</param>
    public static RunSummary Build(string image, SynchronizerResult result, ulong clockHz, ulong maxCycles, MachineOutcome? outcome, CrossCallReport? crossCalls, bool outcomeKnown = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var strands = new StrandSummary[result.StrandIds.Count];
        for (int i = 0; i < strands.Length; i++)
        {
            // Functional timing: every strand's clock stands at the last boundary (stopped and
            // idle strands' clocks advance too), so IPC is the share of cycles it executed.
            int id = result.StrandIds[i];
            ulong instructions = result.Instructions[i];
            strands[i] = new StrandSummary(id, CoreOf(id), instructions, result.Cycle, Ratio(instructions, result.Cycle));
        }

        CoreSummary[] cores = Cores(strands, result.Cycle);
        double seconds = result.WallTime.TotalSeconds;
        double mips = seconds > 0 ? result.TotalInstructions / seconds / 1e6 : 0;
        return new RunSummary
        {
            Image = image,
            Outcome = outcomeKnown ? Outcome(result, outcome) : null,
            Machine = new MachineShape(cores.Length, cores.Length == 0 ? 0 : strands.Length / cores.Length, clockHz),
            Synchronizer = new SynchronizerSummary(result.Quantum, result.Quanta, result.HostThreads, maxCycles == ulong.MaxValue ? null : maxCycles, result.ParkedStrandQuanta),
            Cycles = result.Cycle,
            Instructions = result.TotalInstructions,
            Strands = strands,
            Cores = cores,
            CrossCalls = crossCalls,
            Host = new HostSummary(
                seconds, mips, mips / result.HostThreads, seconds > 0 ? result.Quanta / seconds : 0,
                [.. result.Threads.Select(t => new HostThreadSummary(t.Thread, t.StrandRuns, t.TakenFromOtherThreads, t.Busy.TotalSeconds))]),
        };
    }

    /// <summary>The cross-call report of a run: <see cref="CrossCallSummary"/> plus the send -> handled histogram.</summary>
    public static (CrossCallSummary Summary, CrossCallReport Report) FromCrossCalls(MachineConfiguration config, CrossCallTrace crossCalls, ulong endCycle)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(crossCalls);
        var trace = new MachineTrace(config.StrandIds(), config.ClockFrequencyHz);
        Sun4vTraceAdapter.AddCrossCalls(trace, crossCalls);
        trace.EndAt(endCycle);
        CrossCallSummary s = CrossCallSummary.From(trace);
        var handled = new List<ulong>();
        foreach (CrossCallRecord x in trace.CrossCalls)
        {
            if (x.HandledCycle is { } done)
            {
                handled.Add(done - x.SendCycle);
            }
        }

        var report = new CrossCallReport
        {
            CrossCalls = s.CrossCalls,
            AcceptingCalls = s.AcceptingCalls,
            Delivered = s.Delivered,
            Trapped = s.Trapped,
            Handled = s.Handled,
            Dropped = s.Dropped,
            Pending = s.Pending,
            Retries = s.Retries,
            RetriedCrossCalls = s.RetriedCrossCalls,
            MaxRetries = s.MaxRetries,
            Service = s.Service is { } c ? new CrossCallServiceReport(c.Calls, c.WouldBlock, c.BusyEntries, c.Errors) : null,
            SendToTrap = Latency(s.SendToTrap),
            SendToHandled = Latency(s.SendToHandled),
            SendToHandledHistogram = LatencyHistogram.Bin(handled),
        };
        return (s, report);
    }

    public static int CoreOf(int strandId) => strandId / T1Limits.MaxStrandsPerCore;

    private static CoreSummary[] Cores(StrandSummary[] strands, ulong cycles)
    {
        var cores = new List<CoreSummary>();
        foreach (IGrouping<int, StrandSummary> core in strands.GroupBy(s => s.Core).OrderBy(g => g.Key))
        {
            ulong instructions = 0;
            foreach (StrandSummary s in core)
            {
                instructions += s.Instructions;
            }

            cores.Add(new CoreSummary(core.Key, [.. core.Select(s => s.Id)], instructions, cycles, Ratio(instructions, cycles)));
        }

        return [.. cores];
    }

    private static RunOutcome Outcome(SynchronizerResult result, MachineOutcome? outcome)
    {
        if (outcome is null)
        {
            return result.Stop == RunStop.CycleLimit
                ? new RunOutcome("cycleLimit", MachineSession.CycleLimitStatus, $"the guest did not exit within {result.Cycle} cycles (--max-cycles)")
                : throw new ArgumentException("a machine that finished has an outcome", nameof(outcome));
        }

        return new RunOutcome(JsonNaming(outcome.Reason.ToString()), outcome.ExitCode, outcome.Message);
    }

    private static string JsonNaming(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static LatencyReport Latency(LatencyStatistics s) => new(s.Count, s.Min, s.Median, s.P99, s.Max);

    private static double Ratio(ulong a, ulong b) => b == 0 ? 0 : (double)a / b;
}
