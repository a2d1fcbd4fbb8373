using Niagara.Memory.Timing;
using Niagara.Strands;
using Niagara.Strands.Timing;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Timing mode of the sun4v machine (`--timing t1`): the T1 timing model, attached to every
/// vCPU's strand (also to the fresh strand cpu_start gives a vCPU), and the two schedules.
/// Parallel: every strand runs its quantum alone (<see cref="Strand.RunUntil"/>). Reference:
/// the first of a core's strands the synchronizer asks for a quantum runs the whole core cycle
/// by cycle (<see cref="CorePipeline"/>); its siblings then only collect their counts. Both keep
/// the core rule: a core's strands run on one host thread.
/// </summary>
public sealed partial class Sun4vMachine
{
    private Strand?[][]? _coreStrands;
    private ulong[]? _coreRanUntil;
    private ulong[]? _referenceExecuted;

    /// <summary>The timing model; null in functional mode (every instruction one cycle).</summary>
    public T1TimingModel? Timing { get; private set; }

    /// <summary>Switches the machine to timing mode; only before the first quantum.</summary>
    public void EnableTiming(TimingSchedule schedule, MemoryTimingConfig? memory = null, CoreTimingConfig? core = null)
    {
        if (Cycle != 0 || Timing is not null)
        {
            throw new InvalidOperationException("timing mode is chosen before the machine runs");
        }

        int perCore = (memory ?? MemoryTimingConfig.Default).StrandsPerCore;
        int maxId = 0;
        foreach (int id in StrandIds)
        {
            maxId = Math.Max(maxId, id);
        }

        int cores = (maxId / perCore) + 1;
        Timing = new T1TimingModel(schedule, cores, memory, core);
        _coreStrands = new Strand?[cores][];
        for (int c = 0; c < cores; c++)
        {
            _coreStrands[c] = new Strand?[perCore];
        }

        _coreRanUntil = new ulong[cores];
        _referenceExecuted = new ulong[cores * perCore];
        foreach (VirtualCpu cpu in Cpus)
        {
            AttachTiming(cpu);
        }
    }

    /// <summary>What the timing model measured so far (null in functional mode).</summary>
    public TimingSnapshot? TimingSnapshot() => Timing?.Snapshot(StrandIds);

    private ulong RunTimedStrand(VirtualCpu cpu, ulong untilCycle)
    {
        T1TimingModel timing = Timing!;
        Strand strand = AttachTiming(cpu);
        if (timing.Schedule == TimingSchedule.Parallel)
        {
            return strand.RunUntil(untilCycle);
        }

        int perCore = timing.StrandsPerCore;
        int core = cpu.Id / perCore;
        if (_coreRanUntil![core] < untilCycle)
        {
            Strand?[] strands = _coreStrands![core];
            for (int i = 0; i < perCore; i++)
            {
                VirtualCpu? sibling = Hypervisor.CpuById((ulong)((core * perCore) + i));
                strands[i] = sibling is null ? null : AttachTiming(sibling);
            }

            CorePipeline.Run(strands, untilCycle, _referenceExecuted.AsSpan(core * perCore, perCore));
            _coreRanUntil[core] = untilCycle;
        }

        ulong executed = _referenceExecuted![cpu.Id];
        _referenceExecuted[cpu.Id] = 0;
        return executed;
    }

    private Strand AttachTiming(VirtualCpu cpu)
    {
        Strand strand = cpu.Strand;
        if (strand.Timing is null)
        {
            strand.AttachTiming(Timing!.Strand(cpu.Id));
        }

        return strand;
    }
}
