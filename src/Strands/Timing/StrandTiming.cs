using Niagara.Memory.Timing;

namespace Niagara.Strands.Timing;

/// <summary>
/// One strand's timing state: its core, its index in the core, the pipeline hazards it is
/// waiting on, and its CPI stack. It belongs to the strand id, not to a <see cref="Strand"/>
/// object: a vCPU restarted with a fresh strand keeps it (<see cref="Strand.AttachTiming"/>).
/// Thread rule: touched only by its core's host thread during a quantum, and by the boundary.
/// </summary>
public sealed class StrandTiming
{
    public StrandTiming(CoreTiming core, int index)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Core = core;
        Index = index;
        MemoryCounters = core.Port.Counters.Strands[index];
    }

    public CoreTiming Core { get; }

    /// <summary>Strand number within the core (0..3), the port's strand argument.</summary>
    public int Index { get; }

    public CpiStack Cycles { get; } = new();

    /// <summary>Instructions issued in timing mode.</summary>
    public ulong Instructions;

    internal StrandMemoryCounters MemoryCounters { get; }

    /// <summary>The I-cache line (address / 32) the last fetch looked up; one L1I access per line.</summary>
    internal ulong FetchLine = ulong.MaxValue;

    /// <summary>Load-use interlock: an L1-hit load's destination and the cycle its value is usable.</summary>
    internal ulong LoadReadyAt;
    internal byte LoadRegister = byte.MaxValue;

    /// <summary>Cycle of the last issue (thread select's LRU order; the parallel scheme's gap).</summary>
    internal ulong LastIssue;

    /// <summary>Parallel scheme: a strand's own multiplier and divider (siblings cannot be seen mid-quantum).</summary>
    internal ulong MultiplierFreeAt;
    internal ulong DividerFreeAt;

    /// <summary>Parallel scheme: expected issue-slot wait per back-to-back issue, in 1/256 cycles, and the carried fraction.</summary>
    internal uint SlotWait256;
    internal uint SlotWaitFraction;

    // Per quantum, for the siblings' estimate: instructions issued and cycles spent waiting for the slot.
    internal ulong QuantumIssued;
    internal ulong QuantumSlotWait;

    /// <summary>The start of a quantum: contention cycles the last boundary charged delay the strand now.</summary>
    internal ulong TakeContention()
    {
        ulong penalty = Core.Port.TakeContentionPenalty(Index);
        Cycles.Contention += penalty;
        return penalty;
    }
}
