using System.Collections.Concurrent;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Machine;
using Niagara.Machine;

namespace Niagara.IntegrationTests;

/// <summary>
/// A test double for the synchronizer: strands that only count cycles (one instruction per
/// cycle, like the functional machine) and a log of every call, with the host thread it came
/// from. It flags two strands of one core running at once, a boundary step that overlaps a
/// strand, and clocks that disagree at a boundary.
/// </summary>
public sealed class FakeQuantumMachine : IQuantumMachine
{
    private readonly ulong[] _clock = new ulong[T1Limits.MaxStrands];
    private readonly ulong[] _workLeft = new ulong[T1Limits.MaxStrands];
    private readonly int[] _coreBusy = new int[T1Limits.MaxCores];
    private readonly ConcurrentQueue<string> _violations = new();
    private int _running;

    /// <param name="workPerStrand">Instructions each strand executes before it stops (its clock then idles to the quantum end).</param>
    /// <param name="exitAtCycle">The boundary at or after which the machine reports Finished (ulong.MaxValue: when every strand's work is done).</param>
    public FakeQuantumMachine(MachineConfiguration config, ulong workPerStrand = ulong.MaxValue, ulong exitAtCycle = ulong.MaxValue)
    {
        StrandIds = config.StrandIds();
        ExitAtCycle = exitAtCycle;
        foreach (int id in StrandIds)
        {
            _workLeft[id] = workPerStrand;
        }
    }

    public IReadOnlyList<int> StrandIds { get; }

    public ulong ExitAtCycle { get; }

    /// <summary>Spin this many iterations per RunStrand call, so calls on two threads overlap in time.</summary>
    public int SpinPerCall { get; init; }

    /// <summary>Called inside RunStrand with the strand id, while its core is marked running.</summary>
    public Action<int>? WhileRunning { get; init; }

    /// <summary>RunStrand(ThrowStrand, ...) throws once the strand's clock reaches ThrowAtCycle.</summary>
    public int ThrowStrand { get; init; } = -1;

    public ulong ThrowAtCycle { get; init; }

    /// <summary>EndQuantum throws at this boundary.</summary>
    public ulong ThrowAtBoundary { get; init; } = ulong.MaxValue;

    public bool Finished { get; private set; }

    /// <summary>Every RunStrand call in the order it began, with the managed thread id and the host thread pool's index of that thread.</summary>
    public ConcurrentQueue<(int StrandId, ulong Until, int Thread, int PoolThread)> Runs { get; } = new();

    /// <summary>Every EndQuantum call: the cycle and the managed thread id.</summary>
    public ConcurrentQueue<(ulong Cycle, int Thread)> Boundaries { get; } = new();

    public IReadOnlyCollection<string> Violations => _violations;

    public ulong ClockOf(int strandId) => _clock[strandId];

    /// <summary>With <see cref="ReportParked"/>, a strand whose work is done is parked (its runs only move the clock).</summary>
    public bool IsParked(int strandId, ulong untilCycle) => ReportParked && _workLeft[strandId] == 0;

    /// <summary>Whether <see cref="IsParked"/> reports strands whose work is done (off: every strand gets its message).</summary>
    public bool ReportParked { get; init; }

    public ulong RunStrand(int strandId, ulong untilCycle)
    {
        int core = strandId / T1Limits.MaxStrandsPerCore;
        if (Interlocked.Exchange(ref _coreBusy[core], 1) != 0)
        {
            _violations.Enqueue($"strand {strandId}: core {core} already running on another thread");
        }

        Interlocked.Increment(ref _running);
        Runs.Enqueue((strandId, untilCycle, Environment.CurrentManagedThreadId, HostThreadPool.CurrentThread));
        try
        {
            if (strandId == ThrowStrand && untilCycle > ThrowAtCycle)
            {
                throw new InvalidOperationException("fake strand failure");
            }

            Spin(SpinPerCall);
            WhileRunning?.Invoke(strandId);

            ulong ran = Math.Min(untilCycle - _clock[strandId], _workLeft[strandId]);
            _workLeft[strandId] -= ran;
            _clock[strandId] = untilCycle;
            return ran;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Volatile.Write(ref _coreBusy[core], 0);
        }
    }

    public void EndQuantum(ulong cycle)
    {
        Boundaries.Enqueue((cycle, Environment.CurrentManagedThreadId));
        if (Volatile.Read(ref _running) != 0)
        {
            _violations.Enqueue($"boundary {cycle} overlaps a running strand");
        }

        foreach (int id in StrandIds)
        {
            if (_clock[id] != cycle)
            {
                _violations.Enqueue($"boundary {cycle}: strand {id} is at cycle {_clock[id]}");
            }
        }

        if (cycle == ThrowAtBoundary)
        {
            throw new InvalidOperationException("fake boundary failure");
        }

        bool allDone = true;
        foreach (int id in StrandIds)
        {
            allDone &= _workLeft[id] == 0;
        }

        Finished = cycle >= ExitAtCycle || (ExitAtCycle == ulong.MaxValue && allDone);
    }

    private static void Spin(int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            Thread.SpinWait(1);
        }
    }
}

/// <summary>The test double itself: it must catch what the synchronizer tests rely on it catching.</summary>
public sealed class MachineFakeQuantumMachineTests
{
    [Fact]
    public async Task RunStrand_TwoStrandsOfOneCoreAtOnce_IsFlagged()
    {
        // Strand 0 waits inside its run until strand 1's run is over: they overlap for certain.
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var machine = new FakeQuantumMachine(new MachineConfiguration { Cores = 1, StrandsPerCore = 2 })
        {
            WhileRunning = id =>
            {
                if (id == 0)
                {
                    inside.Set();
                    release.Wait(TimeSpan.FromSeconds(60));
                }
            },
        };
        Task first = Task.Run(() => machine.RunStrand(0, 10));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(60)));

        machine.RunStrand(1, 10);
        release.Set();
        await first;

        Assert.NotEmpty(machine.Violations);
    }

    [Fact]
    public void EndQuantum_StrandBehindTheBoundary_IsFlagged()
    {
        var machine = new FakeQuantumMachine(new MachineConfiguration { Cores = 1, StrandsPerCore = 2 });
        machine.RunStrand(0, 10);
        machine.EndQuantum(10);

        Assert.Contains(machine.Violations, v => v.Contains("strand 1 is at cycle 0", StringComparison.Ordinal));
    }
}
