namespace Niagara.Strands.Timing;

/// <summary>
/// Where a strand's cycles went. Every cycle its clock advances lands in exactly one field, so
/// the fields add up to the cycles the strand was simulated in timing mode (<see cref="Total"/>).
/// Plain fields: the timed loop increments them (STYLE.md 8: components count).
/// </summary>
public sealed class CpiStack
{
    /// <summary>Issue cycles: one per instruction.</summary>
    public ulong Issued;

    /// <summary>Ready, but a sibling strand had the issue slot (thread select).</summary>
    public ulong IssueSlot;

    /// <summary>Pipeline hazards: CTI resolution, load-use interlock on an L1 hit, SAVE/RESTORE, traps.</summary>
    public ulong Pipeline;

    /// <summary>Waiting for an L1I miss.</summary>
    public ulong InstructionMiss;

    /// <summary>Waiting for a load that missed the L1D and hit the L2.</summary>
    public ulong L1Miss;

    /// <summary>Waiting for a load that missed the L2 (DRAM).</summary>
    public ulong L2Miss;

    /// <summary>Atomics (CAS/SWAP/LDSTUB) at the L2, including the store-buffer drain before them.</summary>
    public ulong Atomic;

    /// <summary>FP ops at the shared FPU, and the FP front end of FP loads and stores.</summary>
    public ulong Fpu;

    /// <summary>Integer multiply and divide, including waiting for the core's unit.</summary>
    public ulong MulDiv;

    /// <summary>Stores stalled on a full store buffer.</summary>
    public ulong StoreBuffer;

    /// <summary>Queueing at shared resources (crossbar, L2 banks, DRAM), charged at quantum boundaries.</summary>
    public ulong Contention;

    /// <summary>Not running: cpu_yield, stopped, waiting for a boundary hypercall.</summary>
    public ulong Idle;

    public ulong Total =>
        Issued + IssueSlot + Pipeline + InstructionMiss + L1Miss + L2Miss + Atomic + Fpu + MulDiv + StoreBuffer + Contention + Idle;

    /// <summary>A copy (for snapshots).</summary>
    public CpiStack Clone() => (CpiStack)MemberwiseClone();
}
