using System.Diagnostics.Metrics;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Telemetry;

/// <summary>
/// Follows <see cref="CrossCallTrace.Events"/> at quantum boundaries (the only time its stamps
/// may be read: every strand is stopped): records each handled mondo's send-to-handled latency
/// in the histogram once, and, when spans are wanted, makes one span per cpu_mondo_send call
/// once all its mondos are handled or dropped. A call's mondos are the consecutive events with
/// the same sender and send cycle (the boundary accepts one call's targets together).
/// Sampling is by call number, so the same run always exports the same calls.
/// </summary>
public sealed class CrossCallObserver
{
    private readonly CrossCallTrace _trace;
    private readonly Histogram<long>? _latency;
    private readonly MachineSpans? _spans;
    private readonly double _sample;
    private readonly int _maxSpans;
    private readonly List<Call> _open = [];
    private int _cursor;
    private long _calls;

    public CrossCallObserver(CrossCallTrace trace, Histogram<long>? latency, MachineSpans? spans, double sample, int maxSpans)
    {
        ArgumentNullException.ThrowIfNull(trace);
        _trace = trace;
        _latency = latency;
        _spans = spans;
        _sample = sample;
        _maxSpans = maxSpans;
    }

    /// <summary>Spans made so far.</summary>
    public int Spans { get; private set; }

    /// <summary>Sampled calls left out because <c>maxSpans</c> was reached.</summary>
    public int SpansLeftOut { get; private set; }

    /// <summary>Mondos whose latency went into the histogram.</summary>
    public long LatenciesRecorded { get; private set; }

    /// <summary>At a boundary: takes in the new events and finishes what is complete.</summary>
    public void OnBoundary()
    {
        IReadOnlyList<CrossCallEvent> events = _trace.Events;
        while (_cursor < events.Count)
        {
            CrossCallEvent first = events[_cursor];
            var call = new Call(Sampled(_calls++));
            while (_cursor < events.Count && call.Mondos.Count < 64 && events[_cursor].Sender == first.Sender && events[_cursor].SendCycle == first.SendCycle && events[_cursor].AcceptCycle == first.AcceptCycle)
            {
                call.Mondos.Add(events[_cursor++]);
            }

            _open.Add(call);
        }

        _open.RemoveAll(Advance);
    }

    /// <summary>After the run: spans for the calls still in flight, ending at <paramref name="endCycle"/>.</summary>
    public void Finish(ulong endCycle)
    {
        OnBoundary();
        foreach (Call call in _open)
        {
            Emit(call, endCycle);
        }

        _open.Clear();
    }

    // Records newly handled mondos (a bit per mondo: at most 64, one per target); true (remove) once every mondo of the call is final.
    private bool Advance(Call call)
    {
        bool final = true;
        for (int i = 0; i < call.Mondos.Count; i++)
        {
            CrossCallEvent m = call.Mondos[i];
            if (m.Status == CrossCallStatus.Handled && (call.Recorded & (1UL << i)) == 0)
            {
                call.Recorded |= 1UL << i;
                _latency?.Record((long)(m.HandledCycle!.Value - m.SendCycle));
                LatenciesRecorded++;
            }

            final &= m.Status is CrossCallStatus.Handled or CrossCallStatus.Dropped;
        }

        if (final)
        {
            Emit(call, 0);
        }

        return final;
    }

    private void Emit(Call call, ulong runEndCycle)
    {
        if (_spans is null || !call.Sampled)
        {
            return;
        }

        if (Spans >= _maxSpans)
        {
            SpansLeftOut++;
            return;
        }

        _spans.CrossCall(call.Mondos, runEndCycle);
        Spans++;
    }

    // Fibonacci hashing of the call number spreads the kept calls evenly over the run.
    private bool Sampled(long number) =>
        _sample >= 1 || (_sample > 0 && (ulong)number * 0x9E3779B97F4A7C15UL < (ulong)(_sample * ulong.MaxValue));

    private sealed class Call(bool sampled)
    {
        public bool Sampled { get; } = sampled;

        public List<CrossCallEvent> Mondos { get; } = [];

        public ulong Recorded { get; set; }
    }
}
