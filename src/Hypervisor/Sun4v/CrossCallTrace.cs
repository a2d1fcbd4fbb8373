namespace Niagara.Hypervisor.Sun4v;

/// <summary>Where a cross-call (one mondo to one target) stands.</summary>
public enum CrossCallStatus
{
    /// <summary>In the target's one-slot mailbox (its cpu-mondo queue was full or unconfigured, or the target is stopped).</summary>
    InMailbox,

    /// <summary>Appended to the target's cpu-mondo queue (TAIL moved past it).</summary>
    Delivered,

    /// <summary>The target stored a queue HEAD past the entry.</summary>
    Handled,

    /// <summary>Lost: the target was reset (cpu_start, mach_sir) or reconfigured its queue before handling it.</summary>
    Dropped,
}

/// <summary>
/// One mondo from <see cref="Sender"/> to <see cref="Target"/>, stamped in simulated cycles
/// (docs/ARCHITECTURE.md, "Cross-call trace stamps"): <see cref="SendCycle"/> is the sender's
/// clock at its cpu_mondo_send; <see cref="AcceptCycle"/> the quantum boundary at which the
/// hypervisor filled the target's mailbox and wrote 0xFFFF over the list entry;
/// <see cref="DeliverCycle"/> when the mondo entered the target's cpu-mondo queue (a boundary, or
/// the target's clock when its HEAD store made room); <see cref="TrapCycle"/> the target's clock
/// when it took trap 0x7c for it; <see cref="HandledCycle"/> the target's clock when its store to
/// the queue HEAD moved past it. <see cref="Retries"/> counts the sender's earlier calls that
/// answered EWOULDBLOCK for this target since its previous mondo there was accepted.
/// Stamps are written by exactly one thread at a time: the boundary (single-threaded) or the
/// target's own strand.
/// </summary>
public sealed class CrossCallEvent
{
    internal CrossCallEvent(long sequence, int sender, int target, ulong sendCycle, ulong acceptCycle, int retries, ulong word0)
    {
        Sequence = sequence;
        Sender = sender;
        Target = target;
        SendCycle = sendCycle;
        AcceptCycle = acceptCycle;
        Retries = retries;
        Word0 = word0;
    }

    /// <summary>Order of acceptance, from 0: the same run gives the same sequence.</summary>
    public long Sequence { get; }

    public int Sender { get; }

    public int Target { get; }

    public ulong SendCycle { get; }

    public ulong AcceptCycle { get; }

    public ulong? DeliverCycle { get; internal set; }

    public ulong? TrapCycle { get; internal set; }

    public ulong? HandledCycle { get; internal set; }

    public CrossCallStatus Status { get; internal set; } = CrossCallStatus.InMailbox;

    public int Retries { get; }

    /// <summary>Word 0 of the mondo data (Linux: the handler PC in bits 31..0).</summary>
    public ulong Word0 { get; }

    /// <summary>One line with every field, for logs and determinism checks.</summary>
    public override string ToString() =>
        $"#{Sequence} {Sender}->{Target} {Status} send={SendCycle} accept={AcceptCycle} deliver={Stamp(DeliverCycle)} trap={Stamp(TrapCycle)} handled={Stamp(HandledCycle)} retries={Retries} word0=0x{Word0:x}";

    private static string Stamp(ulong? cycle) => cycle is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
}

/// <summary>Counters of the cross-call service (components count, the telemetry layer reports).</summary>
public sealed class CrossCallCounters
{
    /// <summary>cpu_mondo_send calls (including those refused at once).</summary>
    public long Calls { get; internal set; }

    /// <summary>Mondos accepted into a mailbox (list entries overwritten with 0xFFFF).</summary>
    public long Accepted { get; internal set; }

    /// <summary>List entries skipped because the target's mailbox was busy.</summary>
    public long BusyEntries { get; internal set; }

    /// <summary>Calls that returned EWOULDBLOCK.</summary>
    public long WouldBlock { get; internal set; }

    /// <summary>Calls that returned ENOCPU, EINVAL, ECPUERROR, EBADALIGN or ENORADDR.</summary>
    public long Errors { get; internal set; }

    public long Delivered { get; internal set; }

    public long TrapsTaken { get; internal set; }

    public long Handled { get; internal set; }

    public long Dropped { get; internal set; }
}

/// <summary>Every cross-call of a run in acceptance order, with the service's counters.</summary>
public sealed class CrossCallTrace
{
    private readonly List<CrossCallEvent> _events = new();

    /// <summary>The events so far. Appended only at quantum boundaries; read it between quanta or after the run.</summary>
    public IReadOnlyList<CrossCallEvent> Events => _events;

    public CrossCallCounters Counters { get; } = new();

    internal CrossCallEvent Add(int sender, int target, ulong sendCycle, ulong acceptCycle, int retries, ulong word0)
    {
        var e = new CrossCallEvent(_events.Count, sender, target, sendCycle, acceptCycle, retries, word0);
        _events.Add(e);
        Counters.Accepted++;
        return e;
    }
}
