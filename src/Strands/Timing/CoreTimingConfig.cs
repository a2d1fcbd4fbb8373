namespace Niagara.Strands.Timing;

/// <summary>
/// Latencies of the T1 core pipeline (shared/reference/t1-microarchitecture.md, "Instruction
/// latencies"). The memory side (caches, crossbar, DRAM, FPU) is in
/// <see cref="Niagara.Memory.Timing.MemoryTimingConfig"/>; a strand sees those through its
/// core's port.
/// </summary>
public sealed record CoreTimingConfig
{
    public static CoreTimingConfig Default { get; } = new();

    /// <summary>
    /// Cycles from a CTI's issue to its target's [GCC niagara.md: branch 3]. There is no
    /// predictor and the strand is deselected until the branch resolves in E; the model issues
    /// branch, delay slot and target at t, t+2, t+3 (the same total as t, t+1, t+3).
    /// </summary>
    public int ControlTransferLatency { get; init; } = 3;

    /// <summary>Integer multiply as a strand sees it [GCC: 11; Sun 7-11].</summary>
    public int MultiplyLatency { get; init; } = 11;

    /// <summary>Cycles the core's multiplier stays busy per multiply: the 5-stage IMUL, one outstanding per core [UA s1.3.1.2, s2.5].</summary>
    public int MultiplyOccupancy { get; init; } = 5;

    /// <summary>Integer divide [GCC, AT1: 72]; the non-restoring divider holds it the whole time, one per core [UA s2.5].</summary>
    public int DivideLatency { get; init; } = 72;

    /// <summary>SAVE/RESTORE: the window copy deselects the strand for about 2 cycles [UA s2.3.8]; GCC says 4 to a consumer.</summary>
    public int WindowChangeLatency { get; init; } = 3;

    /// <summary>FP load-use latency on an L1 hit [GCC: 9]: the 3-cycle load plus the trip to the FP front end.</summary>
    public int FloatLoadLatency { get; init; } = 9;

    /// <summary>FP store: the FP register file read before the store buffer takes it [GCC: 8].</summary>
    public int FloatStoreLatency { get; init; } = 8;

    /// <summary>Throws ArgumentException naming the first bad field.</summary>
    public void Validate()
    {
        Require(ControlTransferLatency, nameof(ControlTransferLatency));
        Require(MultiplyLatency, nameof(MultiplyLatency));
        Require(MultiplyOccupancy, nameof(MultiplyOccupancy));
        Require(DivideLatency, nameof(DivideLatency));
        Require(WindowChangeLatency, nameof(WindowChangeLatency));
        Require(FloatLoadLatency, nameof(FloatLoadLatency));
        Require(FloatStoreLatency, nameof(FloatStoreLatency));
    }

    private static void Require(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be at least 1 cycle, got {value}");
        }
    }
}
