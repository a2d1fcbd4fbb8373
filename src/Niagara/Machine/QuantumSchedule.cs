using Niagara.Hypervisor.Machine;

namespace Niagara.Machine;

/// <summary>Why a run stopped.</summary>
public enum RunStop
{
    /// <summary>The machine reports <see cref="IQuantumMachine.Finished"/> (mach_exit, all strands stopped, error).</summary>
    MachineFinished,

    /// <summary>The cycle limit was reached first.</summary>
    CycleLimit,
}

/// <summary>
/// The synchronizer's logic without the actors: which cycle the next quantum ends at, which
/// strands have answered, when the boundary step runs and when the run stops. Quantum k ends
/// at min(k * Q, max-cycles); every strand runs to that cycle, then <see cref="IQuantumMachine.EndQuantum"/>
/// runs once, on the caller's (single) thread.
/// </summary>
public sealed class QuantumSchedule
{
    private readonly IQuantumMachine _machine;
    private readonly ulong _quantum;
    private readonly ulong _maxCycles;
    private readonly Dictionary<int, int> _indexOf = [];
    private readonly ulong[] _instructions;
    private readonly bool[] _answered;
    private int _pending;
    private bool _running;

    public QuantumSchedule(IQuantumMachine machine, ulong quantum, ulong maxCycles)
    {
        ArgumentOutOfRangeException.ThrowIfZero(quantum);
        _machine = machine;
        _quantum = quantum;
        _maxCycles = maxCycles;
        StrandIds = machine.StrandIds;
        if (StrandIds.Any(id => id is < 0 or >= 64))
        {
            throw new ArgumentException("strand ids must be 0..63: the parked strands of a quantum travel as a 64-bit mask", nameof(machine));
        }

        for (int i = 0; i < StrandIds.Count; i++)
        {
            _indexOf.Add(StrandIds[i], i);
        }

        _instructions = new ulong[StrandIds.Count];
        _answered = new bool[StrandIds.Count];
    }

    public IReadOnlyList<int> StrandIds { get; }

    /// <summary>The last boundary reached: every strand's clock stands here between quanta.</summary>
    public ulong Cycle { get; private set; }

    /// <summary>The cycle the running quantum ends at.</summary>
    public ulong QuantumEnd { get; private set; }

    /// <summary>Quanta completed (boundary steps run).</summary>
    public ulong Quanta { get; private set; }

    /// <summary>Why the run stopped; set once <see cref="TryBeginQuantum"/> returned false.</summary>
    public RunStop? Stop { get; private set; }

    /// <summary>Instructions each strand executed, in <see cref="StrandIds"/> order.</summary>
    public IReadOnlyList<ulong> Instructions => _instructions;

    /// <summary>Starts the next quantum, or returns false (and sets <see cref="Stop"/>) when the run is over.</summary>
    public bool TryBeginQuantum(out ulong untilCycle)
    {
        if (_running)
        {
            throw new InvalidOperationException($"quantum ending at cycle {QuantumEnd} is still running");
        }

        untilCycle = 0;
        if (_machine.Finished)
        {
            Stop = RunStop.MachineFinished;
            return false;
        }

        if (Cycle >= _maxCycles)
        {
            Stop = RunStop.CycleLimit;
            return false;
        }

        untilCycle = _maxCycles - Cycle > _quantum ? Cycle + _quantum : _maxCycles;
        QuantumEnd = untilCycle;
        _running = true;
        _pending = StrandIds.Count;
        Array.Clear(_answered);
        return true;
    }

    /// <summary>True once every strand has answered in the running quantum.</summary>
    public bool AllAnswered => _running && _pending == 0;

    /// <summary>Strand-quanta run by <see cref="RunParkedStrands"/> instead of a strand's actor.</summary>
    public ulong ParkedStrandQuanta { get; private set; }

    /// <summary>
    /// Right after <see cref="TryBeginQuantum"/>, while no strand runs: runs every strand the
    /// machine reports parked for this quantum (<see cref="IQuantumMachine.IsParked"/>) here, on
    /// the caller's thread, and records its answer. Returns their ids as a bit mask (bit = strand
    /// id): their actors get no message this quantum. A parked strand's run only moves its own
    /// clock, so running it first rather than in its turn changes nothing.
    /// </summary>
    public ulong RunParkedStrands()
    {
        if (!_running || _pending != StrandIds.Count)
        {
            throw new InvalidOperationException("parked strands run at the start of a quantum, before any answer");
        }

        ulong parked = 0;
        foreach (int id in StrandIds)
        {
            if (_machine.IsParked(id, QuantumEnd))
            {
                ulong executed;
                try
                {
                    executed = _machine.RunStrand(id, QuantumEnd);
                }
                catch (Exception e)
                {
                    throw new StrandFailedException(id, e); // as from its actor: the run fails naming the strand
                }

                RecordAnswer(id, QuantumEnd, executed);
                parked |= 1UL << id;
                ParkedStrandQuanta++;
            }
        }

        return parked;
    }

    /// <summary>Records one strand's answer; true when it was the last one of the quantum.</summary>
    public bool RecordAnswer(int strandId, ulong untilCycle, ulong instructions)
    {
        if (!_running || untilCycle != QuantumEnd || !_indexOf.TryGetValue(strandId, out int index) || _answered[index])
        {
            throw new InvalidOperationException(
                $"unexpected answer from strand {strandId} for cycle {untilCycle} (quantum ends at {QuantumEnd})");
        }

        _answered[index] = true;
        _instructions[index] += instructions;
        return --_pending == 0;
    }

    /// <summary>The boundary step, once every strand has answered: single-threaded, on the caller's thread.</summary>
    public void EndQuantum()
    {
        if (!_running || _pending != 0)
        {
            throw new InvalidOperationException($"{_pending} strands have not reached cycle {QuantumEnd}");
        }

        _machine.EndQuantum(QuantumEnd);
        Cycle = QuantumEnd;
        Quanta++;
        _running = false;
    }
}
