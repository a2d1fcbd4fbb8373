namespace Niagara.Memory.Timing;

/// <summary>
/// One direction of the CCX [UA s3.2]: the PCX (cores to L2 banks and the FPU/IOB port) or the
/// CPX (banks and FPU to cores). Requests queue per destination; the central arbiter grants the
/// oldest first (ties in submission order: the weave submits core by core, so the result is
/// deterministic);
/// a destination takes one packet per cycle and a 2-packet request holds it for 2 cycles.
/// Used at the boundary, either as a batch (submit, arbitrate, read the grants, clear) or, by the
/// weave, which already has its batch in arrival order, one <see cref="Serve"/> per request
/// oldest first (the same grants without copying the batch). Each destination's
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
            e.Grant = Serve(e.Destination, _arrivals[i], e.Packets);
        }
    }

    /// <summary>
    /// Grants one request reaching the arbiter at <paramref name="arrive"/>, without the batch:
    /// for a caller that presents its requests oldest first itself (as <see cref="Arbitrate"/> does).
    /// </summary>
    public ulong Serve(int destination, ulong arrive, int packets)
    {
        ulong grant = _lines[destination].Reserve(arrive, packets);
        Counters.Packets[destination] += packets;
        Counters.WaitCycles[destination] += (long)(grant - arrive);
        return grant;
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
