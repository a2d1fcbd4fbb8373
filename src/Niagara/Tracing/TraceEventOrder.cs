using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>The kinds of trace events, in the order they are written when they share a cycle and a strand.</summary>
internal enum TraceEventKind : byte
{
    /// <summary>"xcall send" slice on the sender: from its cpu_mondo_send to the boundary that accepted the mondos.</summary>
    CrossCallSend,

    /// <summary>"xcall handle" slice on a target: trap 0x7c to the HEAD store past the entry.</summary>
    CrossCallHandle,

    /// <summary>A hypercall slice.</summary>
    Hypercall,

    /// <summary>Flow end ("f", bp "e") at the target's trap: after the slices so it binds to the handle slice.</summary>
    FlowEnd,

    /// <summary>Flow start ("s") at the send: after the slices so it binds to the send's innermost slice.</summary>
    FlowStart,

    /// <summary>A trap, as a thread-scoped instant: last, so no flow binds to it.</summary>
    Trap,
}

/// <summary>
/// One event to write, as indices into the <see cref="MachineTrace"/> (no strings until it is
/// written). 40 bytes, so a million-event trace sorts in a few tens of MB.
/// </summary>
internal readonly struct TraceEventRef : IComparable<TraceEventRef>
{
    public TraceEventRef(TraceEventKind kind, int strand, ulong cycle, ulong endCycle, int record, int callLength, int flow)
    {
        Kind = kind;
        Strand = strand;
        Cycle = cycle;
        EndCycle = endCycle;
        Record = record;
        CallLength = callLength;
        Flow = flow;
    }

    public ulong Cycle { get; }

    /// <summary>End of a slice; equal to <see cref="Cycle"/> for instants and flow events.</summary>
    public ulong EndCycle { get; }

    public int Strand { get; }

    /// <summary>Index of the record in its <see cref="MachineTrace"/> list.</summary>
    public int Record { get; }

    /// <summary>For a send slice, the mondos of its call (records Record .. Record + CallLength - 1); else 0.</summary>
    public int CallLength { get; }

    /// <summary>Flow id (1-based), or 0.</summary>
    public int Flow { get; }

    public TraceEventKind Kind { get; }

    public bool IsSlice => Kind <= TraceEventKind.Hypercall;

    /// <summary>
    /// (cycle, strand) first, then slices before flow ends before flow starts before traps;
    /// among slices that start together the longer one first, so it becomes the parent; then
    /// kind and record order, which makes the order total and therefore the same on every run.
    /// </summary>
    public int CompareTo(TraceEventRef other)
    {
        int c = Cycle.CompareTo(other.Cycle);
        if (c != 0)
        {
            return c;
        }

        c = Strand.CompareTo(other.Strand);
        if (c != 0)
        {
            return c;
        }

        c = Rank.CompareTo(other.Rank);
        if (c != 0)
        {
            return c;
        }

        c = other.EndCycle.CompareTo(EndCycle);
        if (c != 0)
        {
            return c;
        }

        c = Kind.CompareTo(other.Kind);
        if (c != 0)
        {
            return c;
        }

        return Record.CompareTo(other.Record);
    }

    private int Rank => IsSlice ? 0 : (int)Kind;
}

/// <summary>Turns a <see cref="MachineTrace"/> into its events in file order.</summary>
internal static class TraceEventOrder
{
    /// <summary>Every event of the trace, sorted (see <see cref="TraceEventRef.CompareTo"/>).</summary>
    public static TraceEventRef[] Collect(MachineTrace trace)
    {
        var events = new TraceEventRef[Count(trace)];
        int n = 0;

        IReadOnlyList<HypercallRecord> hypercalls = trace.Hypercalls;
        for (int i = 0; i < hypercalls.Count; i++)
        {
            HypercallRecord h = hypercalls[i];
            events[n++] = new TraceEventRef(TraceEventKind.Hypercall, h.Strand, h.BeginCycle, h.EndCycle, i, 0, 0);
        }

        IReadOnlyList<TrapRecord> traps = trace.Traps;
        for (int i = 0; i < traps.Count; i++)
        {
            TrapRecord t = traps[i];
            events[n++] = new TraceEventRef(TraceEventKind.Trap, t.Strand, t.Cycle, t.Cycle, i, 0, 0);
        }

        IReadOnlyList<CrossCallRecord> crossCalls = trace.CrossCalls;
        int flow = 0;
        for (int i = 0; i < crossCalls.Count; i++)
        {
            CrossCallRecord x = crossCalls[i];
            int group = CallLength(crossCalls, i);
            if (group > 0)
            {
                // The first mondo of a call carries the call's send slice.
                events[n++] = new TraceEventRef(TraceEventKind.CrossCallSend, x.Sender, x.SendCycle, x.AcceptCycle, i, group, 0);
            }

            if (HandleSlice(trace, x) is not { } slice)
            {
                continue;
            }

            flow++;
            events[n++] = new TraceEventRef(TraceEventKind.CrossCallHandle, x.Target, slice.Begin, slice.End, i, 0, flow);
            events[n++] = new TraceEventRef(TraceEventKind.FlowStart, x.Sender, x.SendCycle, x.SendCycle, i, 0, flow);
            events[n++] = new TraceEventRef(TraceEventKind.FlowEnd, x.Target, slice.Begin, slice.Begin, i, 0, flow);
        }

        Array.Sort(events);
        return events;
    }

    /// <summary>
    /// The target's "xcall handle" slice: from the trap (or, for a mondo polled with interrupts
    /// off, the HEAD store) to the HEAD store; a mondo taken but not handled by the run's end
    /// stays open to the end, one dropped after its trap ends there. Null when the target never
    /// got to it.
    /// </summary>
    public static (ulong Begin, ulong End)? HandleSlice(MachineTrace trace, in CrossCallRecord x) =>
        (x.TrapCycle, x.HandledCycle) switch
        {
            ({ } trap, { } handled) => (trap, handled),
            ({ } trap, null) => (trap, x.Status == CrossCallStatus.Dropped ? trap : trace.EndCycle),
            (null, { } handled) => (handled, handled),
            _ => null,
        };

    /// <summary>Mondos of the call that starts at <paramref name="i"/>; 0 when record i continues the call before it.</summary>
    public static int CallLength(IReadOnlyList<CrossCallRecord> records, int i)
    {
        if (i > 0 && SameCall(records[i - 1], records[i]))
        {
            return 0;
        }

        int end = i + 1;
        while (end < records.Count && SameCall(records[i], records[end]))
        {
            end++;
        }

        return end - i;
    }

    private static bool SameCall(in CrossCallRecord a, in CrossCallRecord b) =>
        a.Sender == b.Sender && a.SendCycle == b.SendCycle && a.AcceptCycle == b.AcceptCycle;

    private static int Count(MachineTrace trace)
    {
        long count = (long)trace.Hypercalls.Count + trace.Traps.Count;
        IReadOnlyList<CrossCallRecord> crossCalls = trace.CrossCalls;
        for (int i = 0; i < crossCalls.Count; i++)
        {
            count += CallLength(crossCalls, i) > 0 ? 1 : 0;
            count += HandleSlice(trace, crossCalls[i]) is null ? 0 : 3;
        }

        return checked((int)count);
    }
}
