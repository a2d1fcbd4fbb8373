using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>
/// Turns what the sun4v hypervisor recorded (src/Hypervisor/Sun4v) into a <see cref="MachineTrace"/>.
/// The hypervisor cannot know this model (Niagara references Hypervisor, not the other way), so
/// the mapping lives here and runs once after the run, on one thread.
/// </summary>
public static class Sun4vTraceAdapter
{
    /// <summary>
    /// A trace of <paramref name="hypervisor"/>'s cross-calls and of the hypercalls and traps
    /// <paramref name="events"/> recorded, ended at <paramref name="endCycle"/>.
    /// </summary>
    public static MachineTrace FromHypervisor(Sun4vHypervisor hypervisor, MachineEventRecorder events, ulong endCycle)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        ArgumentNullException.ThrowIfNull(events);
        MachineConfiguration config = hypervisor.Config;
        var trace = new MachineTrace(config.StrandIds(), config.ClockFrequencyHz);
        events.AddTo(trace);
        AddCrossCalls(trace, hypervisor.Trace);
        trace.EndAt(endCycle);
        return trace;
    }

    /// <summary>Adds every cross-call in acceptance order (so one call's mondos stay together) and the service counters.</summary>
    public static void AddCrossCalls(MachineTrace trace, CrossCallTrace crossCalls)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(crossCalls);
        foreach (CrossCallEvent e in crossCalls.Events)
        {
            trace.AddCrossCall(new CrossCallRecord(
                e.Sequence, e.Sender, e.Target, e.SendCycle, e.AcceptCycle, e.DeliverCycle, OwnTrap(e), e.HandledCycle, e.Status, e.Retries));
        }

        CrossCallCounters c = crossCalls.Counters;
        trace.Service = new CrossCallServiceCounts(c.Calls, c.WouldBlock, c.BusyEntries, c.Errors);
    }

    /// <summary>
    /// The trap taken for this mondo. The hypervisor stamps a mondo handled without a trap of its
    /// own with the target's last 0x7c trap; when that trap came before the mondo was even
    /// delivered (a handler already running picked it up, or the guest polled its queue) it is
    /// not this mondo's trap, and the trace shows the mondo as handled without one.
    /// </summary>
    private static ulong? OwnTrap(CrossCallEvent e) =>
        e.TrapCycle is { } trap && e.DeliverCycle is { } deliver && trap >= deliver ? trap : null;
}
