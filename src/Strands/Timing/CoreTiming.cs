using Niagara.Memory.Timing;

namespace Niagara.Strands.Timing;

/// <summary>
/// One core's shared pipeline resources: its memory port (L1s, store buffers), its multiplier
/// and divider, and the issue slot. Which schedule shares them is <see cref="Schedule"/>.
/// <para>
/// Parallel scheme (issue-slot estimate): a strand running its quantum alone cannot see when its
/// siblings issue. At each boundary the core computes every strand's readiness in the quantum
/// just run, rho = (issued + slot-wait cycles) / quantum cycles: the share of cycles it wanted
/// the slot. With least-recently-run thread select, a strand that issues right after its own
/// previous issue waits for every ready sibling, and one that comes back from a stall of s
/// cycles finds the siblings served during it; so in the next quantum each issue of strand i
/// waits max(0, R_i - s) cycles, R_i = sum of its siblings' rho (fractions carried). Four
/// compute-bound strands: R = 3, each issues every 4th cycle, core IPC 1; memory-bound strands:
/// small R, nearly no wait. The estimate lags one quantum (bound-weave for the issue slot).
/// </para>
/// </summary>
public sealed class CoreTiming
{
    private readonly StrandTiming[] _strands;

    public CoreTiming(int index, CoreMemoryPort port, CoreTimingConfig config, TimingSchedule schedule, int strandsPerCore, int loadHitLatency)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(config);
        Index = index;
        LoadHitLatency = loadHitLatency;
        Port = port;
        Config = config;
        Schedule = schedule;
        _strands = new StrandTiming[strandsPerCore];
        for (int i = 0; i < strandsPerCore; i++)
        {
            _strands[i] = new StrandTiming(this, i);
        }
    }

    public int Index { get; }

    public CoreMemoryPort Port { get; }

    public CoreTimingConfig Config { get; }

    public TimingSchedule Schedule { get; }

    /// <summary>Load-use latency of an L1D hit (the memory side's number): a load the port answers within it is a hit.</summary>
    public int LoadHitLatency { get; }

    public IReadOnlyList<StrandTiming> Strands => _strands;

    /// <summary>Reference schedule: the core's one multiplier and divider are free from these cycles.</summary>
    internal ulong MultiplierFreeAt;
    internal ulong DividerFreeAt;

    /// <summary>
    /// Boundary step of the parallel scheme: turns the quantum's counts into each strand's
    /// expected slot wait for the next quantum (see the class comment), and resets the counts.
    /// </summary>
    public void EndQuantum(ulong quantumCycles)
    {
        if (quantumCycles == 0)
        {
            return;
        }

        Span<ulong> readiness256 = stackalloc ulong[_strands.Length];
        ulong total = 0;
        for (int i = 0; i < _strands.Length; i++)
        {
            StrandTiming s = _strands[i];
            readiness256[i] = Math.Min(256, ((s.QuantumIssued + s.QuantumSlotWait) << 8) / quantumCycles);
            total += readiness256[i];
            s.QuantumIssued = 0;
            s.QuantumSlotWait = 0;
        }

        for (int i = 0; i < _strands.Length; i++)
        {
            _strands[i].SlotWait256 = Schedule == TimingSchedule.Parallel ? (uint)(total - readiness256[i]) : 0;
        }
    }
}
