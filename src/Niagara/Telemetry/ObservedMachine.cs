using System.Diagnostics;
using Niagara.Hypervisor.Machine;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;

namespace Niagara.Telemetry;

/// <summary>
/// The machine as the synchronizer drives it, with the host side counted: wall-clock time each
/// <see cref="RunStrand"/> took (summed per host thread that ran it, that thread's busy time),
/// quanta completed, and when the run started and ended on the host. After each boundary it
/// calls <c>onBoundary</c> (single-threaded, every strand stopped: the one moment the
/// cross-call stamps may be read). Two clock reads per strand per quantum: nothing per instruction.
/// </summary>
public sealed class ObservedMachine : IQuantumMachine
{
    private readonly Sun4vMachine _machine;
    private readonly IQuantumMachine _inner;
    private readonly Action<ulong>? _onBoundary;
    // Thread t's busy ticks at [t * BusyStride]: one 64-byte line each, so two threads adding
    // to their own counters do not pass one line back and forth.
    private const int BusyStride = 8;
    private readonly long[] _busyTicks;
    private long _quanta;
    private long _boundarySequence;
    private long _startTimestamp;
    private long _endTimestamp;

    /// <param name="machine">The machine whose counters are read.</param>
    /// <param name="inner">What the synchronizer would drive otherwise: the machine, or another wrapper of it.</param>
    /// <param name="hostThreads">The synchronizer's host threads.</param>
    /// <param name="onBoundary">Called after each boundary step with its cycle.</param>
    public ObservedMachine(Sun4vMachine machine, IQuantumMachine inner, int hostThreads, Action<ulong>? onBoundary)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostThreads, 1);
        _machine = machine;
        _inner = inner;
        HostThreads = hostThreads;
        _busyTicks = new long[hostThreads * BusyStride];
        _onBoundary = onBoundary;
    }

    public Sun4vMachine Machine => _machine;

    public int HostThreads { get; }

    public IReadOnlyList<int> StrandIds => _machine.StrandIds;

    public bool Finished => _inner.Finished;

    /// <summary>
    /// Odd while a boundary step runs (it may swap a vCPU's strand: cpu_start, mach_sir), even
    /// otherwise; a reader that sees the same even value before and after its reads saw no
    /// boundary (a seqlock, see <see cref="StrandSampler"/>).
    /// </summary>
    public long BoundarySequence => Volatile.Read(ref _boundarySequence);

    /// <summary>Boundary steps run so far.</summary>
    public long Quanta => Volatile.Read(ref _quanta);

    /// <summary>Stopwatch timestamp of the first strand's first quantum; 0 before the run starts.</summary>
    public long StartTimestamp => Volatile.Read(ref _startTimestamp);

    /// <summary>Host wall-clock time the run has taken: up to now while it runs, frozen once <see cref="MarkEnded"/> was called.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            long start = StartTimestamp;
            if (start == 0)
            {
                return TimeSpan.Zero;
            }

            long end = Volatile.Read(ref _endTimestamp);
            return Stopwatch.GetElapsedTime(start, end != 0 ? end : Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Wall-clock time host thread <paramref name="thread"/> has spent running strands.</summary>
    public TimeSpan BusyTime(int thread)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(thread, HostThreads);
        return TimeSpan.FromSeconds((double)Volatile.Read(ref _busyTicks[thread * BusyStride]) / Stopwatch.Frequency);
    }

    public bool IsParked(int strandId, ulong untilCycle) => _inner.IsParked(strandId, untilCycle);

    public ulong RunStrand(int strandId, ulong untilCycle)
    {
        long begin = Stopwatch.GetTimestamp();
        if (_startTimestamp == 0)
        {
            Interlocked.CompareExchange(ref _startTimestamp, begin, 0);
        }

        ulong executed = _inner.RunStrand(strandId, untilCycle);

        // A caller off the pool's threads (a test driving the machine itself) counts as thread 0.
        int thread = Math.Clamp(HostThreadPool.CurrentThread, 0, HostThreads - 1);
        Interlocked.Add(ref _busyTicks[thread * BusyStride], Stopwatch.GetTimestamp() - begin);
        return executed;
    }

    public void EndQuantum(ulong cycle)
    {
        Interlocked.Increment(ref _boundarySequence);
        _inner.EndQuantum(cycle);
        Interlocked.Increment(ref _boundarySequence);
        Volatile.Write(ref _quanta, _quanta + 1);
        _onBoundary?.Invoke(cycle);
    }

    /// <summary>Stops the host clock (the run is over; lingering must not dilute the rates).</summary>
    public void MarkEnded() => Interlocked.CompareExchange(ref _endTimestamp, Stopwatch.GetTimestamp(), 0);
}
