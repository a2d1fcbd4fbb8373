namespace Niagara.Memory.Timing;

/// <summary>
/// One request a core sent to the chip-shared side during a quantum, as logged by its port and
/// replayed by the weave. <see cref="Charged"/> is the latency the strand was charged for it
/// (the uncontended L2/DRAM/FPU latency as the core saw it).
/// </summary>
internal struct MemoryRequest
{
    public ulong Cycle;
    public ulong Address;
    public int Core;
    public int Strand;
    public int Charged;
    public MemoryRequestKind Kind;
    public FpOperation Op;
}

/// <summary>A core's request log for the current quantum: an array reused across quanta.</summary>
internal sealed class RequestLog
{
    private MemoryRequest[] _items = new MemoryRequest[1024];

    public int Count { get; private set; }

    public ReadOnlySpan<MemoryRequest> Items => _items.AsSpan(0, Count);

    public void Add(ulong cycle, ulong address, int core, int strand, MemoryRequestKind kind, FpOperation op, int charged)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2); // grows to the busiest quantum, then stays
        }
        ref MemoryRequest r = ref _items[Count];
        r.Cycle = cycle;
        r.Address = address;
        r.Core = core;
        r.Strand = strand;
        r.Charged = charged;
        r.Kind = kind;
        r.Op = op;
        Count++;
    }

    public void Clear() => Count = 0;
}
