namespace Niagara.Strands.Timing;

/// <summary>How the strands of a core share its single-issue pipeline in timing mode.</summary>
public enum TimingSchedule
{
    /// <summary>
    /// The speed scheme: each strand runs its quantum alone; the issue slot its siblings take
    /// is charged as a wait per issue, estimated from their readiness in the previous quantum
    /// (<see cref="CoreTiming"/>).
    /// </summary>
    Parallel,

    /// <summary>
    /// The deterministic reference: a core's strands interleave cycle by cycle, thread select
    /// picking the least recently issued ready strand each cycle (<see cref="CorePipeline"/>).
    /// </summary>
    Reference,
}
