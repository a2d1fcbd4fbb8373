using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>
/// Keeps every hypercall and guest trap the machine reports, for <see cref="Sun4vTraceAdapter"/>.
/// One list pair per strand: the sink's thread rule (a strand's events come from one thread at a
/// time, or from the single-threaded boundary) makes that race-free without locks, and reading
/// them strand by strand after the run gives the same order in every mode.
/// </summary>
public sealed class MachineEventRecorder : IMachineEventSink
{
    private readonly List<HypercallEvent>[] _hypercalls;
    private readonly List<TrapEvent>[] _traps;

    /// <param name="strandCount">One more than the highest strand id that can report.</param>
    public MachineEventRecorder(int strandCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strandCount);
        _hypercalls = new List<HypercallEvent>[strandCount];
        _traps = new List<TrapEvent>[strandCount];
        for (int i = 0; i < strandCount; i++)
        {
            _hypercalls[i] = [];
            _traps[i] = [];
        }
    }

    public void OnHypercall(in HypercallEvent call) => _hypercalls[call.Strand].Add(call);

    public void OnTrap(in TrapEvent trap) => _traps[trap.Strand].Add(trap);

    /// <summary>Adds what was recorded to <paramref name="trace"/>, strand by strand in the order each strand reported it.</summary>
    public void AddTo(MachineTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        for (int strand = 0; strand < _hypercalls.Length; strand++)
        {
            foreach (HypercallEvent h in _hypercalls[strand])
            {
                trace.AddHypercall(new HypercallRecord(h.Strand, h.TrapNumber, h.Function, h.Status, h.BeginCycle, h.EndCycle));
            }

            foreach (TrapEvent t in _traps[strand])
            {
                trace.AddTrap(new TrapRecord(t.Strand, (ushort)t.TrapType, t.TrapLevel, t.Cycle, t.Pc));
            }
        }
    }
}
