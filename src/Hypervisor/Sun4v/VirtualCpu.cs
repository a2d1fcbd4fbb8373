using Niagara.Strands;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>A virtual CPU's state as cpu_state reports it (sun4v reference section 4).</summary>
public enum VirtualCpuState : ulong
{
    Stopped = 1,
    Running = 2,
    Error = 3,
}

/// <summary>One queue's cpu_qconf configuration (64-byte entries, a power-of-two count).</summary>
internal struct QueueConfig
{
    public ulong BaseRa;
    public ulong Entries;

    public readonly bool Configured => Entries != 0;

    /// <summary>HEAD/TAIL wrap mask: the queue size in bytes minus one (0 when unconfigured).</summary>
    public readonly ulong Mask => Entries == 0 ? 0 : (Entries * QueueNumbers.EntryBytes) - 1;
}

/// <summary>A hypercall that crosses strands, waiting for the quantum boundary.</summary>
internal sealed record BoundaryRequest(ulong Cycle, int StrandId, Action<ulong> Apply);

/// <summary>
/// The hypervisor's per-strand state (one vCPU per strand, as on the T1): cpu state, RTBA,
/// queue configuration, the one-slot cross-call mailbox, trap-trace buffer, the pending
/// boundary request and counters. Thread rule: during a quantum only the strand's own host
/// thread touches it; at the boundary only the (single-threaded) boundary step does.
/// </summary>
public sealed class VirtualCpu
{
    private ulong _retiredBeforeRestart;

    internal VirtualCpu(int id, Strand strand)
    {
        Id = id;
        Strand = strand;
    }

    /// <summary>The vCPU id: the strand id (core * 4 + strand).</summary>
    public int Id { get; }

    /// <summary>The strand running this vCPU; cpu_start and mach_sir give it a fresh strand.</summary>
    public Strand Strand { get; private set; }

    /// <summary>Changes only at quantum boundaries, so every strand reads the same value within a quantum.</summary>
    public VirtualCpuState State { get; internal set; } = VirtualCpuState.Stopped;

    /// <summary>Real trap base address for reset vectors (cpu_set_rtba / cpu_start).</summary>
    public ulong Rtba { get; internal set; }

    /// <summary>Why the vCPU is in error state, or null.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>Instructions this vCPU retired over all its starts.</summary>
    public ulong InstructionsRetired => _retiredBeforeRestart + Strand.Retired;

    /// <summary>Hypercalls (every trap the hypervisor served, including EBADTRAP answers).</summary>
    public long Hypercalls { get; internal set; }

    /// <summary>Calls per FAST_TRAP function number below 0x100.</summary>
    public long[] FastTrapCalls { get; } = new long[0x100];

    /// <summary>Guest watchdog resets this vCPU took (RTBA + 0x40).</summary>
    public long WatchdogResets { get; internal set; }

    /// <summary>The strand's clock now, also in the middle of a run slice.</summary>
    public ulong Now => Strand.CurrentCycle;

    internal QueueConfig[] Queues { get; } = new QueueConfig[QueueNumbers.Count];

    // Cross-call mailbox: one slot (T1 HV cpu.command + cmd_arg0..7).
    internal byte[] MailboxData { get; } = new byte[QueueNumbers.EntryBytes];

    internal CrossCallEvent? Mailbox { get; set; }

    /// <summary>Mondos in the cpu-mondo queue, oldest first; the first sits at <see cref="TrackedHead"/>.</summary>
    internal Queue<CrossCallEvent> InQueue { get; } = new();

    internal ulong TrackedHead { get; set; }

    internal ulong LastMondoTrapCycle { get; set; }

    internal BoundaryRequest? Pending { get; set; }

    /// <summary>The hypercall that waits for the boundary in <see cref="Pending"/>, reported to the event sink when it completes.</summary>
    internal HypercallEvent? PendingCall { get; set; }

    /// <summary>Per target: EWOULDBLOCK answers since this sender's last accepted mondo there.</summary>
    internal int[] BusyRetries { get; } = new int[Configuration.T1Limits.MaxStrands];

    // Trap trace (per vCPU, as in the T1 HV).
    internal ulong TraceBufferRa { get; set; }

    internal ulong TraceBufferBytes { get; set; }

    internal ulong TraceOffset { get; set; }

    internal bool TraceEnabled { get; set; }

    internal ConsoleOutputBuffer Output { get; } = new();

    /// <summary>Reads hypercall argument <paramref name="index"/> (%o0..%o5).</summary>
    internal ulong Arg(int index) => Strand.GetRegister(8 + index);

    internal void Return(HypervisorError status) => Strand.SetRegister(8, (ulong)status);

    internal void Return(HypervisorError status, ulong o1)
    {
        Strand.SetRegister(8, (ulong)status);
        Strand.SetRegister(9, o1);
    }

    internal void Return(HypervisorError status, ulong o1, ulong o2)
    {
        Return(status, o1);
        Strand.SetRegister(10, o2);
    }

    /// <summary>Swaps in a fresh strand with the old one's clock (a halted strand cannot run again).</summary>
    internal void ReplaceStrand(Strand fresh)
    {
        _retiredBeforeRestart += Strand.Retired;
        fresh.Cycle = Strand.Cycle;
        Strand = fresh;
    }
}
