namespace Niagara.Memory.Timing;

/// <summary>
/// One direction of the CCX [UA s3.2]: the PCX (cores to L2 banks and the FPU/IOB port) or the
/// CPX (banks and FPU to cores). Requests queue per destination; the central arbiter grants the
/// oldest first (ties in submission order: the weave submits core by core, so the result is
/// deterministic);
/// a destination takes one packet per cycle and a 2-packet request holds it for 2 cycles.
/// Used at the boundary: submit a batch, arbitrate, read the grants, clear. Each destination's
/// busy cycles are a <see cref="Timeline"/>, so they carry over from batch to batch and a later
/// batch's older request still gets a gap an earlier batch left.
/// </summary>
public sealed class Crossbar
{
    private readonly Timeline[] _lines;
    private Entry[] _entries = new Entry[1024];
    private readonly ArrivalOrder _sorter = new();
    private ulong[] _arrivals = new ulong[1024];
    private int[] _order = new int[1024];
    private int _count;

    public Crossbar(int destinations, int windowCycles = 65536)
        : this(new CrossbarCounters(destinations), windowCycles)
    {
    }

    /// <summary>A crossbar direction counting into <paramref name="counters"/> (one slot per destination).</summary>
    public Crossbar(CrossbarCounters counters, int windowCycles)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(counters.Packets.Length);
        _lines = new Timeline[counters.Packets.Length];
        for (int d = 0; d < _lines.Length; d++)
        {
            _lines[d] = new Timeline(windowCycles);
        }
        Counters = counters;
    }

    public CrossbarCounters Counters { get; }

    public int Destinations => _lines.Length;

    /// <summary>The destinations' busy cycles (the weave slides and grows their windows).</summary>
    public IReadOnlyList<Timeline> Timelines => _lines;

    /// <summary>Queues a request that reaches the arbiter at <paramref name="arrive"/>; returns its ticket.</summary>
    public int Submit(int destination, ulong arrive, int packets)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
            Array.Resize(ref _arrivals, _count * 2);
            Array.Resize(ref _order, _count * 2);
        }
        _entries[_count] = new Entry(destination, packets);
        _arrivals[_count] = arrive;
        return _count++;
    }

    /// <summary>Grants every queued request, oldest first per destination.</summary>
    public void Arbitrate()
    {
        // Oldest first: one sweep in arrival order serves every destination's queue in order.
        // A grant is the first free cycle(s) at or after arrival (a packet a cycle).
        _sorter.Sort(_arrivals.AsSpan(0, _count), _order.AsSpan(0, _count));
        for (int k = 0; k < _count; k++)
        {
            int i = _order[k];
            ref Entry e = ref _entries[i];
            ulong arrive = _arrivals[i];
            ulong grant = _lines[e.Destination].Reserve(arrive, e.Packets);
            e.Grant = grant;
            Counters.Packets[e.Destination] += e.Packets;
            Counters.WaitCycles[e.Destination] += (long)(grant - arrive);
        }
    }

    /// <summary>The cycle the request won arbitration (valid after <see cref="Arbitrate"/>).</summary>
    public ulong Grant(int ticket) => _entries[ticket].Grant;

    /// <summary>Forgets the batch (destination occupancy stays).</summary>
    public void Clear() => _count = 0;

    private struct Entry(int destination, int packets)
    {
        public readonly int Destination = destination;
        public readonly int Packets = packets;
        public ulong Grant;
    }
}
