using System.Numerics;

namespace Niagara.Memory.Timing;

/// <summary>
/// The T1 memory system's timing, one per chip, in the bound-weave scheme (docs/ARCHITECTURE.md
/// "Time and parallelism"): during a quantum each core uses its own <see cref="CoreMemoryPort"/>
/// (uncontended latencies, core-private state only); <see cref="EndQuantum"/> runs alone at the
/// boundary, updates the shared L2, directory, crossbar, DRAM and FPU from the cores' logs and
/// charges contention back to strands. Functional data lives in PhysicalMemory; this holds tags
/// and times only.
/// </summary>
public sealed class T1MemoryTiming
{
    private readonly CoreMemoryPort[] _ports;
    private readonly QuantumWeave _weave;

    public T1MemoryTiming(MemoryTimingConfig config, int cores)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (cores <= 0 || cores > 64)
        {
            throw new ArgumentException($"core count must be 1..64, got {cores}");
        }
        Config = config;
        L2 = new L2Cache(config.L2SizeBytes, config.L2Ways, config.L2LineBytes, config.L2Banks);
        _ports = new CoreMemoryPort[cores];
        var l1i = new SetAssociativeCache[cores];
        var l1d = new L1DataCache[cores];
        for (int c = 0; c < cores; c++)
        {
            _ports[c] = new CoreMemoryPort(config, c, L2);
            l1i[c] = _ports[c].L1I;
            l1d[c] = _ports[c].L1D;
        }
        Counters = new MemoryTimingCounters(config.L2Banks, cores, config.DramControllers);
        int dramBankShift = BitOperations.Log2((uint)config.L2LineBytes) + BitOperations.Log2((uint)config.L2Banks);
        var dram = new DramController[config.DramControllers];
        for (int d = 0; d < dram.Length; d++)
        {
            dram[d] = new DramController(config, dramBankShift);
        }
        var pcx = new Crossbar(Counters.Pcx, config.ContentionWindowCycles);
        var cpx = new Crossbar(Counters.Cpx, config.ContentionWindowCycles);
        _weave = new QuantumWeave(config, L2, new L1Directory(l1i, l1d, L2), pcx, cpx, dram, new SharedFpu(config), Counters);
    }

    public MemoryTimingConfig Config { get; }

    /// <summary>The shared L2 tags (read-only during a quantum).</summary>
    public L2Cache L2 { get; }

    public int CoreCount => _ports.Length;

    /// <summary>Chip-wide counts, updated at each boundary.</summary>
    public MemoryTimingCounters Counters { get; }

    /// <summary>The port of one core; during a quantum only that core's host thread may call it.</summary>
    public CoreMemoryPort Core(int core) => _ports[core];

    /// <summary>The boundary: no core may run during this call. <paramref name="cycle"/> is the quantum's end.</summary>
    public void EndQuantum(ulong cycle) => _weave.Run(_ports, cycle);
}
