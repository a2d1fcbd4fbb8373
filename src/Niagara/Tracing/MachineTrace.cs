namespace Niagara.Tracing;

/// <summary>
/// What a traced run recorded: hypercalls, traps and cross-calls of every strand, in the order
/// they were added, plus the clock that turns cycles into time. Filled single-threaded (by the
/// adapter after the run, or by tests); the writers sort on their own, so the order records
/// arrive in only has to be deterministic, not chronological.
/// </summary>
public sealed class MachineTrace
{
    private readonly List<HypercallRecord> _hypercalls = [];
    private readonly List<TrapRecord> _traps = [];
    private readonly List<CrossCallRecord> _crossCalls = [];
    private readonly HashSet<long> _crossCallIds = [];
    private readonly int[] _strandIds;

    /// <param name="strandIds">The machine's strand ids (each gets a track, even if it recorded nothing).</param>
    /// <param name="clockFrequencyHz">Core clock, for the Chrome writer's microseconds.</param>
    public MachineTrace(IReadOnlyList<int> strandIds, ulong clockFrequencyHz)
    {
        ArgumentNullException.ThrowIfNull(strandIds);
        ArgumentOutOfRangeException.ThrowIfZero(clockFrequencyHz);
        _strandIds = [.. strandIds];
        Array.Sort(_strandIds);
        for (int i = 0; i < _strandIds.Length; i++)
        {
            if (_strandIds[i] < 0 || (i > 0 && _strandIds[i] == _strandIds[i - 1]))
            {
                throw new ArgumentException($"strand ids must be distinct and non-negative (got {_strandIds[i]})", nameof(strandIds));
            }
        }

        ClockFrequencyHz = clockFrequencyHz;
    }

    public ulong ClockFrequencyHz { get; }

    /// <summary>Strand ids, ascending.</summary>
    public IReadOnlyList<int> StrandIds => _strandIds;

    /// <summary>The cycle the run ended at; slices still open then (an unhandled mondo) end here.</summary>
    public ulong EndCycle { get; private set; }

    public IReadOnlyList<HypercallRecord> Hypercalls => _hypercalls;

    public IReadOnlyList<TrapRecord> Traps => _traps;

    public IReadOnlyList<CrossCallRecord> CrossCalls => _crossCalls;

    public void AddHypercall(HypercallRecord record)
    {
        RequireStrand(record.Strand);
        RequireOrdered(record.BeginCycle, record.EndCycle, "hypercall end before its begin");
        _hypercalls.Add(record);
        Extend(record.EndCycle);
    }

    public void AddTrap(TrapRecord record)
    {
        RequireStrand(record.Strand);
        _traps.Add(record);
        Extend(record.Cycle);
    }

    /// <summary>
    /// Adds a cross-call. The mondos of one cpu_mondo_send call must be added one after another
    /// (the writer draws one send slice per run of equal sender, send and accept cycles).
    /// </summary>
    public void AddCrossCall(CrossCallRecord record)
    {
        RequireStrand(record.Sender);
        RequireStrand(record.Target);
        if (record.Retries < 0)
        {
            throw new ArgumentException($"cross-call {record.Id}: negative retry count", nameof(record));
        }

        if (record.DeliverCycle is null && (record.TrapCycle is not null || record.HandledCycle is not null))
        {
            throw new ArgumentException($"cross-call {record.Id}: trapped or handled but never delivered", nameof(record));
        }

        // Each stamp that exists is no earlier than the one before it.
        ulong last = record.SendCycle;
        foreach (ulong? stamp in (ReadOnlySpan<ulong?>)[record.AcceptCycle, record.DeliverCycle, record.TrapCycle, record.HandledCycle])
        {
            if (stamp is { } cycle)
            {
                RequireOrdered(last, cycle, $"cross-call {record.Id}: stamps out of order (send <= accept <= deliver <= trap <= handled)");
                last = cycle;
            }
        }

        if (!_crossCallIds.Add(record.Id))
        {
            throw new ArgumentException($"cross-call id {record.Id} recorded twice", nameof(record));
        }

        _crossCalls.Add(record);
        Extend(last);
    }

    /// <summary>The cross-call service's counters, when the machine kept them.</summary>
    public CrossCallServiceCounts? Service { get; set; }

    /// <summary>Moves <see cref="EndCycle"/> to the run's final cycle (it never moves back).</summary>
    public void EndAt(ulong cycle) => Extend(cycle);

    private void Extend(ulong cycle) => EndCycle = Math.Max(EndCycle, cycle);

    private void RequireStrand(int strand)
    {
        if (Array.BinarySearch(_strandIds, strand) < 0)
        {
            throw new ArgumentException($"strand {strand} is not one of the machine's strands");
        }
    }

    private static void RequireOrdered(ulong first, ulong second, string message)
    {
        if (second < first)
        {
            throw new ArgumentException($"{message} ({first} > {second})");
        }
    }
}
