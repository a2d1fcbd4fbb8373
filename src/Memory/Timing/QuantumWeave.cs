namespace Niagara.Memory.Timing;

/// <summary>
/// The boundary ("weave") step: replays every core's request log of the quantum against the
/// chip-shared structures and charges each strand the queueing its requests saw beyond the
/// latency they were charged. Three stages, each in arrival order at its resource (oldest first,
/// ties by core and log order, so the result does not depend on host threads):
/// 1. PCX arbitration per destination (L2 bank, or the FPU port);
/// 2. service: L2 bank occupancy, L2 tags (LRU, fills, dirty write-backs), the directory
///    (invalidations), DRAM controllers, the FPU;
/// 3. CPX arbitration per destination core.
/// Every resource's busy cycles are a <see cref="Timeline"/> (a calendar), not a "free from"
/// pointer, so a request that arrives before one already served still finds the gap before it.
/// A request's penalty is (uncontended latency of its true L2 outcome + waits) minus what the
/// core charged, at least 0. Stores are not charged to the strand: their acks' lateness is fed
/// into its store buffer, where it stalls the strand only if the buffer fills.
/// Single-threaded: runs while no core runs. Buffers grow to the busiest quantum and are reused.
/// </summary>
internal sealed class QuantumWeave
{
    private readonly MemoryTimingConfig _config;
    private readonly L2Cache _l2;
    private readonly L1Directory _directory;
    private readonly Crossbar _pcx;
    private readonly Crossbar _cpx;
    private readonly DramController[] _dram;
    private readonly SharedFpu _fpu;
    private readonly Timeline[] _banks;      // each L2 bank's data-array busy cycles
    private readonly List<Timeline> _timelines = []; // every shared resource's calendar
    private ulong _lastBoundary;
    private readonly MemoryTimingCounters _counters;
    private Item[] _items = new Item[4096];
    private readonly ArrivalOrder _sorter = new();
    private ulong[] _times = new ulong[4096];
    private int[] _order = new int[4096];
    private int _count;
    private ulong[] _storeDone = [];  // per strand: when its last store's ack really came back
    private ulong[] _storeLag = [];   // per strand: how much later than its buffer assumed

    public QuantumWeave(MemoryTimingConfig config, L2Cache l2, L1Directory directory, Crossbar pcx, Crossbar cpx,
        DramController[] dram, SharedFpu fpu, MemoryTimingCounters counters)
    {
        _config = config;
        _l2 = l2;
        _directory = directory;
        _pcx = pcx;
        _cpx = cpx;
        _dram = dram;
        _fpu = fpu;
        _counters = counters;
        _banks = new Timeline[l2.BankCount];
        for (int b = 0; b < _banks.Length; b++)
        {
            _banks[b] = new Timeline(config.ContentionWindowCycles);
        }
        _timelines.AddRange(_banks);
        _timelines.AddRange(pcx.Timelines);
        _timelines.AddRange(cpx.Timelines);
        foreach (DramController d in dram)
        {
            _timelines.AddRange(d.Timelines);
        }
        _timelines.AddRange(fpu.Timelines);
    }

    private int FpuPort => _l2.BankCount;

    public void Run(CoreMemoryPort[] ports, ulong boundaryCycle)
    {
        ulong latest = Gather(ports);
        SlideWindows(boundaryCycle, latest);
        Crossbar(_pcx, useCore: false);
        Service();
        Crossbar(_cpx, useCore: true);
        Charge(ports, boundaryCycle);
        foreach (CoreMemoryPort port in ports)
        {
            port.BeginQuantum();
        }
        _counters.Cycles = boundaryCycle;
        for (int c = 0; c < _dram.Length; c++)
        {
            _counters.DramReads[c] = _dram[c].Reads;
            _counters.DramWrites[c] = _dram[c].Writes;
            _counters.DramBusyCycles[c] = _dram[c].BusyCycles;
            _counters.DramWaitCycles[c] = _dram[c].WaitCycles;
        }
        long overflows = 0;
        foreach (Timeline t in _timelines)
        {
            overflows += t.Overflows;
        }
        _counters.CalendarOverflows = overflows;
        _counters.FpuOps = _fpu.Ops;
        _counters.FpuWaitCycles = _fpu.WaitCycles;
    }

    /// <summary>
    /// This batch's requests arrive from the last boundary on (strands start a quantum there),
    /// so each calendar forgets what lies well before it and covers twice the span up to the
    /// latest request (room for queues), up to <see cref="MaxWindowCycles"/>: a strand whose
    /// clock ran further ahead than that is served without reserving.
    /// </summary>
    private void SlideWindows(ulong boundaryCycle, ulong latest)
    {
        foreach (Timeline t in _timelines)
        {
            ulong margin = t.WindowCycles / 16;
            t.Advance(_lastBoundary > margin ? _lastBoundary - margin : 0);
            if (latest > t.Base)
            {
                t.PromiseWindow(Math.Min(2 * (latest - t.Base), MaxWindowCycles));
            }
        }
        _lastBoundary = boundaryCycle;
    }

    /// <summary>Largest calendar window (2 M cycles: 256 KB per resource).</summary>
    private const ulong MaxWindowCycles = 1UL << 21;

    /// <summary>Copies every core's log into the batch; returns the latest request cycle.</summary>
    private ulong Gather(CoreMemoryPort[] ports)
    {
        _count = 0;
        ulong latest = 0;
        foreach (CoreMemoryPort port in ports)
        {
            foreach (ref readonly MemoryRequest r in port.Log.Items)
            {
                if (_count == _items.Length)
                {
                    Array.Resize(ref _items, _count * 2);
                    Array.Resize(ref _times, _count * 2);
                    Array.Resize(ref _order, _count * 2);
                }
                ref Item it = ref _items[_count++];
                it.Request = r;
                it.Time = r.Cycle;
                it.Wait = 0;
                latest = Math.Max(latest, r.Cycle);
            }
        }
        return latest;
    }

    /// <summary>
    /// One crossbar direction: every item queues at its destination at Time; Time becomes the
    /// grant. Items are presented oldest first, ties by gather index (the arbiter's order).
    /// </summary>
    private void Crossbar(Crossbar xbar, bool useCore)
    {
        for (int i = 0; i < _count; i++)
        {
            _times[i] = _items[i].Time;
        }
        _sorter.Sort(_times.AsSpan(0, _count), _order.AsSpan(0, _count));
        for (int k = 0; k < _count; k++)
        {
            ref Item it = ref _items[_order[k]];
            ref MemoryRequest r = ref it.Request;
            int destination = useCore ? r.Core
                : r.Kind == MemoryRequestKind.FloatingPoint ? FpuPort : _l2.BankOf(r.Address);
            int packets = useCore ? it.ResponsePackets : RequestPackets(r);
            ulong grant = xbar.Serve(destination, it.Time, packets);
            it.Wait += (long)(grant - it.Time);
            it.Time = grant;
        }
    }

    /// <summary>CAS and two-operand FP ops take two PCX packets [UA s3.2].</summary>
    private static int RequestPackets(in MemoryRequest r) => r.Kind switch
    {
        MemoryRequestKind.Atomic => 2,
        MemoryRequestKind.FloatingPoint => r.Op == FpOperation.ConvertFromInteger ? 1 : 2,
        _ => 1,
    };

    private void Service()
    {
        // Arrival order at the banks and the FPU; ties by gather index (core, then its log order).
        for (int i = 0; i < _count; i++)
        {
            _items[i].Time += (ulong)_config.CrossbarCycles; // transmit stage: arrival at the bank or FPU
            _times[i] = _items[i].Time;
        }
        _sorter.Sort(_times.AsSpan(0, _count), _order.AsSpan(0, _count));
        for (int k = 0; k < _count; k++)
        {
            if (k + PrefetchDistance < _count)
            {
                _l2.Prefetch(_items[_order[k + PrefetchDistance]].Request.Address);
            }
            ref Item it = ref _items[_order[k]];
            if (it.Request.Kind == MemoryRequestKind.FloatingPoint)
            {
                ServeFp(ref it);
            }
            else
            {
                ServeL2(ref it);
            }
        }
    }

    /// <summary>How many requests ahead the service loop asks the host cache for L2 tags.</summary>
    private const int PrefetchDistance = 8;

    private void ServeFp(ref Item it)
    {
        int pipe = CoreMemoryPort.FpPipeLatency(_config, it.Request.Op);
        ulong done = _fpu.Execute(it.Request.Op, it.Time);
        it.Wait += (long)(done - (it.Time + (ulong)pipe));
        it.Time = done;
        it.Uncontended = _config.FpuRoundTripCycles + pipe;
        it.Rest = _config.FpuRoundTripCycles - _config.CrossbarCycles;
        it.ResponsePackets = 1;
    }

    private void ServeL2(ref Item it)
    {
        ref MemoryRequest r = ref it.Request;
        int bank = _l2.BankOf(r.Address);
        ulong start = _banks[bank].Reserve(it.Time, _config.L2BankBusyCycles);
        _counters.L2BankWaitCycles[bank] += (long)(start - it.Time);
        it.Wait += (long)(start - it.Time);

        bool fetch = r.Kind == MemoryRequestKind.Fetch;
        bool write = r.Kind is MemoryRequestKind.Store or MemoryRequestKind.Atomic;
        int pipeline = fetch ? _config.L2BankFetchPipeline : _config.L2BankLoadPipeline;
        int hitLatency = fetch ? _config.L2FetchLatency
            : r.Kind == MemoryRequestKind.Store ? _config.L2StoreLatency : _config.L2LoadLatency;
        ulong dataAt = start + (ulong)pipeline;
        if (_l2.Access(r.Address, write, 0, out ulong readyAt, out ulong victim, out bool victimDirty, out int slot))
        {
            _counters.L2Hits[bank]++;
            if (readyAt > dataAt)
            {
                it.Wait += (long)(readyAt - dataAt); // merged with a fill still in flight
                dataAt = readyAt;
            }
            it.Uncontended = hitLatency;
        }
        else
        {
            _counters.L2Misses[bank]++;
            DramController dram = _dram[bank % _dram.Length];
            ulong done = dram.Read(r.Address, dataAt);
            _l2.SetFillReady(bank, slot, done);
            if (victim != SetAssociativeCache.NoLine)
            {
                _counters.InclusionInvalidations += _directory.OnL2Evict(victim, _config.L2LineBytes, bank, slot);
                if (victimDirty)
                {
                    _counters.L2Writebacks[bank]++;
                    dram.Write(victim, dataAt); // from the writeback buffer, after the read (reads first)
                }
            }
            it.Wait += (long)(done - (dataAt + (ulong)_config.DramExtraLatency));
            dataAt = done;
            it.Uncontended = hitLatency + _config.DramExtraLatency;
        }
        if (write)
        {
            _counters.DirectoryInvalidations += _directory.OnStore(r.Address, r.Core, bank, slot);
        }
        else if (r.Kind is MemoryRequestKind.Load or MemoryRequestKind.Fetch)
        {
            _directory.RecordFill(bank, slot, r.Core, instruction: r.Kind == MemoryRequestKind.Fetch);
        }
        it.Time = dataAt;
        it.Rest = hitLatency - _config.CrossbarCycles - pipeline;
        it.ResponsePackets = fetch ? 2 : 1; // a 32 B I$ fill is two CPX packets
    }

    private void Charge(CoreMemoryPort[] ports, ulong boundary)
    {
        int strands = _config.StrandsPerCore;
        if (_storeDone.Length < ports.Length * strands)
        {
            _storeDone = new ulong[ports.Length * strands];
            _storeLag = new ulong[ports.Length * strands];
        }
        Array.Clear(_storeDone);
        Array.Clear(_storeLag);
        for (int i = 0; i < _count; i++) // gather order: each strand's requests in the order it made them
        {
            ref Item it = ref _items[i];
            ref MemoryRequest r = ref it.Request;
            long actual = it.Uncontended + it.Wait;
            if (r.Kind == MemoryRequestKind.Store)
            {
                // Stores drain one at a time: replay the strand's chain with the acks found here.
                int k = r.Core * strands + r.Strand;
                ulong done = Math.Max(r.Cycle, _storeDone[k]) + (ulong)actual;
                ulong assumed = r.Cycle + (ulong)r.Charged;
                _storeDone[k] = done;
                _storeLag[k] = done > assumed ? done - assumed : 0;
                continue;
            }
            long penalty = actual - r.Charged;
            if (penalty > 0)
            {
                ports[r.Core].AddPenalty(r.Strand, (ulong)penalty);
                _counters.ContentionCycles += penalty;
            }
            else
            {
                _counters.OverchargedCycles -= penalty;
            }
        }
        for (int k = 0; k < _storeLag.Length; k++)
        {
            if (_storeLag[k] > 0)
            {
                ports[k / strands].DelayStores(k % strands, boundary, _storeLag[k]);
                _counters.StoreDelayCycles += (long)_storeLag[k];
            }
        }
    }

    private struct Item
    {
        public MemoryRequest Request;
        public ulong Time;          // arrival at the current stage
        public long Wait;           // queueing so far
        public int Uncontended;     // latency of the true outcome without queueing
        public int Rest;            // CPX grant to data at the core, unloaded
        public int ResponsePackets;
    }
}
