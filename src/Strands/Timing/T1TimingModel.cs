using Niagara.Memory.Timing;

namespace Niagara.Strands.Timing;

/// <summary>
/// The chip's timing model for `--timing t1`: the memory system (<see cref="T1MemoryTiming"/>,
/// the other half of the model) and one <see cref="CoreTiming"/> per core with a
/// <see cref="StrandTiming"/> per strand id. The machine attaches a strand's timing to whichever
/// <see cref="Strand"/> object runs that id, and calls <see cref="EndQuantum"/> at every boundary.
/// </summary>
public sealed class T1TimingModel
{
    private readonly CoreTiming[] _cores;
    private ulong _lastBoundary;

    public T1TimingModel(TimingSchedule schedule, int cores, MemoryTimingConfig? memory = null, CoreTimingConfig? core = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        memory ??= MemoryTimingConfig.Default;
        core ??= CoreTimingConfig.Default;
        core.Validate();
        Schedule = schedule;
        CoreConfig = core;
        Memory = new T1MemoryTiming(memory, cores);
        _cores = new CoreTiming[cores];
        for (int c = 0; c < cores; c++)
        {
            _cores[c] = new CoreTiming(c, Memory.Core(c), core, schedule, memory.StrandsPerCore, memory.L1HitLatency);
        }
    }

    public TimingSchedule Schedule { get; }

    public CoreTimingConfig CoreConfig { get; }

    public T1MemoryTiming Memory { get; }

    public IReadOnlyList<CoreTiming> Cores => _cores;

    public int StrandsPerCore => Memory.Config.StrandsPerCore;

    /// <summary>The timing state of strand id <paramref name="strandId"/> (core = id / strands per core).</summary>
    public StrandTiming Strand(int strandId) => _cores[strandId / StrandsPerCore].Strands[strandId % StrandsPerCore];

    /// <summary>The boundary (single-threaded): the memory system's weave, then each core's issue-slot estimate.</summary>
    public void EndQuantum(ulong cycle)
    {
        Memory.EndQuantum(cycle);
        ulong quantum = cycle > _lastBoundary ? cycle - _lastBoundary : 0;
        foreach (CoreTiming core in _cores)
        {
            core.EndQuantum(quantum);
        }

        _lastBoundary = cycle;
    }

    /// <summary>The figures so far, for the strands in <paramref name="strandIds"/> (and their cores).</summary>
    public TimingSnapshot Snapshot(IReadOnlyList<int> strandIds)
    {
        ArgumentNullException.ThrowIfNull(strandIds);
        var strands = new List<StrandTimingSnapshot>(strandIds.Count);
        var cores = new List<CoreTimingSnapshot>();
        foreach (int id in strandIds)
        {
            StrandTiming t = Strand(id);
            strands.Add(new StrandTimingSnapshot(id, t.Cycles.Total, t.Instructions, t.Cycles.Clone(), t.MemoryCounters));
        }

        foreach (CoreTiming core in _cores)
        {
            ulong cycles = 0;
            ulong instructions = 0;
            bool used = false;
            foreach (StrandTimingSnapshot s in strands)
            {
                if (s.StrandId / StrandsPerCore == core.Index)
                {
                    used = true;
                    cycles = Math.Max(cycles, s.Cycles);
                    instructions += s.Instructions;
                }
            }

            if (used)
            {
                CoreMemoryCounters m = core.Port.Counters;
                cores.Add(new CoreTimingSnapshot(
                    core.Index, cycles, instructions, m.L1IAccesses, m.L1IMisses, m.L1DAccesses, m.L1DMisses, m.L2Accesses, m.L2Misses));
            }
        }

        return new TimingSnapshot(Schedule, strands, cores, Memory.Counters, Memory.Config.L2LineBytes);
    }
}
