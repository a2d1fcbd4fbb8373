namespace Niagara.Memory.Timing;

/// <summary>
/// One core's view of the memory system during a quantum (the "bound" phase). Only that core's
/// host thread calls it while a quantum runs; it mutates only core-private state (its L1s, store
/// buffers, log and counters) and reads the shared L2 tags as of the last boundary, which nobody
/// writes until every core has finished the quantum. Each call returns the uncontended latency;
/// queueing at shared resources is charged later through <see cref="TakeContentionPenalty"/>.
/// Hot path: no allocation, no locks.
/// </summary>
public sealed class CoreMemoryPort
{
    private readonly MemoryTimingConfig _config;
    private readonly L2Cache _l2;
    private readonly StoreBuffer[] _storeBuffers;
    private readonly ulong[] _penalty;
    private readonly PendingLineSet _pending;
    private readonly int _l1dLineBytes;
    private ulong _fpBusyFrom;
    private ulong _fpBusyUntil;

    internal CoreMemoryPort(MemoryTimingConfig config, int core, L2Cache l2)
    {
        _config = config;
        _l2 = l2;
        CoreIndex = core;
        L1I = new SetAssociativeCache(config.L1ISizeBytes, config.L1IWays, config.L1ILineBytes);
        L1D = new L1DataCache(config.L1DSizeBytes, config.L1DWays, config.L1DLineBytes);
        _l1dLineBytes = config.L1DLineBytes;
        _storeBuffers = new StoreBuffer[config.StrandsPerCore];
        for (int s = 0; s < _storeBuffers.Length; s++)
        {
            _storeBuffers[s] = new StoreBuffer(config.StoreBufferEntries);
        }
        _penalty = new ulong[config.StrandsPerCore];
        _pending = new PendingLineSet(16384, System.Numerics.BitOperations.Log2((uint)config.L2LineBytes));
        Counters = new CoreMemoryCounters(config.StrandsPerCore);
    }

    public int CoreIndex { get; }

    public CoreMemoryCounters Counters { get; }

    /// <summary>The core's L1 I-cache tags.</summary>
    public SetAssociativeCache L1I { get; }

    /// <summary>The core's L1 D-cache.</summary>
    public L1DataCache L1D { get; }

    internal RequestLog Log { get; } = new();

    /// <summary>Extra cycles before the instruction at <paramref name="pa"/> can issue: 0 on an L1I hit.</summary>
    public int Fetch(int strand, ulong pa, ulong now)
    {
        StrandMemoryCounters c = Counters.Strands[strand];
        c.L1IAccesses++;
        int slot = L1I.Access(pa);
        if (slot >= 0)
        {
            ulong ready = L1I.ReadyAt(slot);
            return ready > now ? (int)(ready - now) : 0; // another strand's miss on this line is in flight
        }
        c.L1IMisses++;
        int latency = ChargeL2(c, pa, _config.L2FetchLatency);
        L1I.Fill(pa, now + (ulong)latency, out _, out _);
        Log.Add(now, pa, CoreIndex, strand, MemoryRequestKind.Fetch, default, latency);
        return latency;
    }

    /// <summary>Load-to-use latency in cycles: 3 on an L1D hit.</summary>
    public int Load(int strand, ulong pa, int size, ulong now)
    {
        int latency = LoadLine(strand, pa, now);
        // Block and misaligned-span loads touch every L1D line they cover.
        ulong last = pa + (ulong)Math.Max(size, 1) - 1;
        for (ulong line = L1D.Tags.LineBase(pa) + (ulong)_l1dLineBytes; line <= last; line += (ulong)_l1dLineBytes)
        {
            latency = Math.Max(latency, LoadLine(strand, line, now));
        }
        return latency;
    }

    /// <summary>Cycles the strand stalls now because its store buffer is full; usually 0.</summary>
    public int Store(int strand, ulong pa, int size, ulong now)
    {
        _ = size; // a store is one crossbar packet whatever its size (up to 8 bytes of data)
        StrandMemoryCounters c = Counters.Strands[strand];
        c.Stores++;
        L1D.Store(pa); // write-through, no write-allocate
        int latency = ChargeL2(c, pa, _config.L2StoreLatency);
        int stall = _storeBuffers[strand].Add(now, latency, out ulong sendAt);
        if (stall > 0)
        {
            c.StoreBufferFullStalls++;
            c.StoreBufferStallCycles += stall;
        }
        Log.Add(sendAt, pa, CoreIndex, strand, MemoryRequestKind.Store, default, latency);
        return stall;
    }

    /// <summary>
    /// CAS/SWAP/LDSTUB: waits for the strand's store buffer to drain, then is performed at the
    /// L2. Returns the cycles until the old value is usable.
    /// </summary>
    public int Atomic(int strand, ulong pa, int size, ulong now)
    {
        _ = size;
        StrandMemoryCounters c = Counters.Strands[strand];
        c.Atomics++;
        int drain = _storeBuffers[strand].DrainWait(now);
        c.StoreBufferDrainCycles += drain;
        L1D.Invalidate(pa); // assumed as on the T1: the L2 performs it and the requester's L1D copy is dropped
        int latency = ChargeL2(c, pa, _config.L2LoadLatency);
        Log.Add(now + (ulong)drain, pa, CoreIndex, strand, MemoryRequestKind.Atomic, default, latency);
        return drain + latency;
    }

    /// <summary>
    /// An FP operation on the chip's shared FPU: round trip through the crossbar plus the pipe
    /// latency of its class, after the core's one outstanding FP op (if any) completes [UA s7].
    /// </summary>
    public int FloatingPoint(int strand, FpOperation op, ulong now)
    {
        StrandMemoryCounters c = Counters.Strands[strand];
        c.FpuOps++;
        int latency = _config.FpuRoundTripCycles + FpPipeLatency(_config, op);
        int wait = now >= _fpBusyFrom && now < _fpBusyUntil ? (int)(_fpBusyUntil - now) : 0;
        c.FpuWaitCycles += wait;
        ulong start = now + (ulong)wait;
        _fpBusyFrom = start;
        _fpBusyUntil = start + (ulong)latency;
        Log.Add(start, 0, CoreIndex, strand, MemoryRequestKind.FloatingPoint, op, latency);
        return wait + latency;
    }

    /// <summary>
    /// MEMBAR #StoreLoad/#Sync (and anything else that needs the strand's stores globally
    /// visible): the cycles until its store buffer is empty.
    /// </summary>
    public int DrainStores(int strand, ulong now)
    {
        int drain = _storeBuffers[strand].DrainWait(now);
        Counters.Strands[strand].StoreBufferDrainCycles += drain;
        return drain;
    }

    /// <summary>Cycles charged to the strand at the last boundary for contention; returns and clears them.</summary>
    public ulong TakeContentionPenalty(int strand)
    {
        ulong p = _penalty[strand];
        _penalty[strand] = 0;
        return p;
    }

    /// <summary>Pipe latency of an FP op class (without the crossbar round trip).</summary>
    public static int FpPipeLatency(MemoryTimingConfig config, FpOperation op) => op switch
    {
        FpOperation.AddSubCompareConvert => config.FpAddLatency,
        FpOperation.ConvertFromInteger => config.FpConvertFromIntegerLatency,
        FpOperation.Multiply => config.FpMultiplyLatency,
        FpOperation.DivideSingle => config.FpDivideSingleLatency,
        FpOperation.DivideDouble => config.FpDivideDoubleLatency,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Boundary: adds contention cycles the weave computed for a strand.</summary>
    internal void AddPenalty(int strand, ulong cycles)
    {
        _penalty[strand] += cycles;
        Counters.Strands[strand].ContentionCycles += (long)cycles;
    }

    /// <summary>Boundary: the strand's store acks come back later than its buffer assumed.</summary>
    internal void DelayStores(int strand, ulong boundary, ulong cycles) => _storeBuffers[strand].Postpone(boundary, cycles);

    /// <summary>Boundary: the log has been replayed; start a new quantum.</summary>
    internal void BeginQuantum()
    {
        Log.Clear();
        _pending.Clear();
    }

    private int LoadLine(int strand, ulong pa, ulong now)
    {
        StrandMemoryCounters c = Counters.Strands[strand];
        c.L1DAccesses++;
        int slot = L1D.Load(pa);
        if (slot >= 0)
        {
            ulong ready = L1D.Tags.ReadyAt(slot);
            int inFlight = ready > now ? (int)(ready - now) : 0; // a fill another strand started
            return Math.Max(_config.L1HitLatency, inFlight);
        }
        c.L1DMisses++;
        int latency = ChargeL2(c, pa, _config.L2LoadLatency);
        L1D.Allocate(pa, now + (ulong)latency);
        Log.Add(now, pa, CoreIndex, strand, MemoryRequestKind.Load, default, latency);
        return latency;
    }

    /// <summary>
    /// Uncontended latency of a request that reaches the L2: <paramref name="hitLatency"/> if the
    /// line was resident at the last boundary or this core brought it in during this quantum,
    /// else the DRAM path on top.
    /// </summary>
    private int ChargeL2(StrandMemoryCounters c, ulong pa, int hitLatency)
    {
        c.L2Accesses++;
        bool resident = _pending.Add(pa) || _l2.Contains(pa);
        if (resident)
        {
            return hitLatency;
        }
        c.L2Misses++;
        return hitLatency + _config.DramExtraLatency;
    }
}
