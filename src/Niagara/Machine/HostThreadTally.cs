using System.Diagnostics;

namespace Niagara.Machine;

/// <summary>What one host thread did in a run: strands it ran, how many of them were of cores at home on another thread, and the wall-clock time inside them.</summary>
public sealed record HostThreadWork(int Thread, long StrandRuns, long TakenFromOtherThreads, TimeSpan Busy);

/// <summary>
/// Adds up the strands' answers per host thread that ran them (<see cref="StrandRan.HostThread"/>),
/// so a run shows how the work was shared: evenly while the threads keep pace, towards the
/// faster thread when one host CPU is slower or busy with something else.
/// </summary>
public sealed class HostThreadTally
{
    private readonly HostThreadLayout _layout;
    private readonly long[] _runs;
    private readonly long[] _taken;
    private readonly long[] _ticks;

    public HostThreadTally(HostThreadLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _runs = new long[layout.Threads];
        _taken = new long[layout.Threads];
        _ticks = new long[layout.Threads];
    }

    /// <summary>Counts one answer; one that names no pool thread (not run by the pool) is refused.</summary>
    public void Record(StrandRan answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.HostThread < 0 || answer.HostThread >= _runs.Length)
        {
            throw new InvalidOperationException($"strand {answer.StrandId} answered from host thread {answer.HostThread} (the run has {_runs.Length})");
        }

        _runs[answer.HostThread]++;
        _ticks[answer.HostThread] += answer.HostTicks;
        if (_layout.HomeThreadOf(answer.StrandId) != answer.HostThread)
        {
            _taken[answer.HostThread]++;
        }
    }

    public IReadOnlyList<HostThreadWork> Threads =>
        [.. Enumerable.Range(0, _runs.Length).Select(t => new HostThreadWork(t, _runs[t], _taken[t], Stopwatch.GetElapsedTime(0, _ticks[t])))];
}
