using System.Diagnostics;
using Niagara.Hypervisor.Configuration;
using Niagara.Machine;

namespace Niagara.IntegrationTests;

/// <summary>The synchronizer and the strand actors, driven against <see cref="FakeQuantumMachine"/>.</summary>
public sealed class MachineSynchronizerTests
{
    private static readonly MachineConfiguration FullChip = new() { Cores = 8, StrandsPerCore = 4 };

    [Fact]
    public void DeterministicMode_RunsStrandsInAscendingOrderOnOneThreadEveryQuantum()
    {
        var machine = new FakeQuantumMachine(FullChip, exitAtCycle: 1000);

        var result = Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 100 });

        var runs = machine.Runs.ToArray();
        Assert.Equal(10 * 32, runs.Length);
        for (int q = 0; q < 10; q++)
        {
            var quantum = runs.Skip(q * 32).Take(32).ToArray();
            Assert.Equal(Enumerable.Range(0, 32), quantum.Select(r => r.StrandId));
            Assert.All(quantum, r => Assert.Equal((ulong)(q + 1) * 100, r.Until));
        }

        int thread = runs[0].Thread;
        Assert.All(runs, r => Assert.Equal(thread, r.Thread));
        HostThreadWork only = Assert.Single(result.Threads);
        Assert.Equal(new HostThreadWork(0, 10 * 32, 0, only.Busy), only);
        Assert.All(machine.Boundaries, b => Assert.Equal(thread, b.Thread));
        Assert.Empty(machine.Violations);
        Assert.Equal(RunStop.MachineFinished, result.Stop);
    }

    [Fact]
    public void DeterministicMode_TwoRuns_GiveIdenticalCallSequencesAndCounts()
    {
        var first = new FakeQuantumMachine(FullChip, workPerStrand: 2345);
        var second = new FakeQuantumMachine(FullChip, workPerStrand: 2345);

        var a = Synchronizer.Run(first, new SynchronizerOptions { Quantum = 64 });
        var b = Synchronizer.Run(second, new SynchronizerOptions { Quantum = 64 });

        Assert.Equal(first.Runs.Select(r => (r.StrandId, r.Until)), second.Runs.Select(r => (r.StrandId, r.Until)));
        Assert.Equal(first.Boundaries.Select(x => x.Cycle), second.Boundaries.Select(x => x.Cycle));
        Assert.Equal(a.Instructions, b.Instructions);
        Assert.Equal(a.Cycle, b.Cycle);
        Assert.Equal(a.Quanta, b.Quanta);
    }

    [Fact]
    public void ParallelMode_RunsACoresStrandsOneAtATimeInIdOrder()
    {
        var machine = new FakeQuantumMachine(FullChip, exitAtCycle: 2000) { SpinPerCall = 2000 };

        Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 100, HostThreads = 2 });

        Assert.Empty(machine.Violations);
        Assert.Equal(20 * 32, machine.Runs.Count);
        Assert.All(machine.Runs, r => Assert.InRange(r.PoolThread, 0, 1));

        // Whatever thread ran them, a core's strands ran in id order in every quantum.
        foreach (var quantum in machine.Runs.GroupBy(r => (r.Until, Core: r.StrandId / 4)))
        {
            Assert.Equal(quantum.Select(r => r.StrandId).Order(), quantum.Select(r => r.StrandId));
        }
    }

    [Fact]
    public void ParallelMode_IdleThreadRunsStrandsOfTheCoresOfAThreadThatFellBehind()
    {
        // Even cores are at home on thread 0. In the first quantum strand 0 holds its thread until
        // thread 1 has run a strand of another even core, which only taking queued strands of
        // thread 0's cores can do (or until thread 1 took strand 0 itself).
        using var taken = new ManualResetEventSlim();
        FakeQuantumMachine? machine = null;
        machine = new FakeQuantumMachine(FullChip, exitAtCycle: 1000)
        {
            WhileRunning = id =>
            {
                if (HostThreadPool.CurrentThread == 1 && id / 4 % 2 == 0)
                {
                    taken.Set();
                }
                else if (id == 0 && machine!.Runs.Count(r => r.StrandId == 0) == 1)
                {
                    taken.Wait(TimeSpan.FromSeconds(60));
                }
            },
        };

        var result = Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 100, HostThreads = 2 });

        Assert.Empty(machine.Violations);
        Assert.Contains(machine.Runs, r => r.StrandId / 4 % 2 == 0 && r.PoolThread == 1);

        // The result counts them too: thread 1 ran strands of thread 0's cores.
        Assert.Equal(machine.Runs.Count, result.Threads.Sum(t => t.StrandRuns));
        Assert.Equal(machine.Runs.Count(r => r.PoolThread == 1 && r.StrandId / 4 % 2 == 0), result.Threads[1].TakenFromOtherThreads);
        Assert.Equal(machine.Runs.Count(r => r.PoolThread == 0 && r.StrandId / 4 % 2 == 1), result.Threads[0].TakenFromOtherThreads);
    }

    [Fact]
    public void ParallelMode_GivesTheSameCountsAsDeterministicMode()
    {
        var config = new MachineConfiguration { Cores = 5, StrandsPerCore = 3 };
        var serial = new FakeQuantumMachine(config, workPerStrand: 10_007);
        var parallel = new FakeQuantumMachine(config, workPerStrand: 10_007) { SpinPerCall = 500 };

        var a = Synchronizer.Run(serial, new SynchronizerOptions { Quantum = 1000 });
        var b = Synchronizer.Run(parallel, new SynchronizerOptions { Quantum = 1000, HostThreads = 3 });

        Assert.Empty(parallel.Violations);
        Assert.Equal(a.StrandIds, b.StrandIds);
        Assert.Equal(a.Instructions, b.Instructions);
        Assert.Equal(a.Cycle, b.Cycle);
        Assert.Equal(11_000UL, b.Cycle);
        Assert.All(b.Instructions, n => Assert.Equal(10_007UL, n));
        Assert.Equal(serial.Boundaries.Select(x => x.Cycle), parallel.Boundaries.Select(x => x.Cycle));
        Assert.Equal(3, b.HostThreads);
    }

    [Fact]
    public void MaxCycles_EndsTheLastQuantumExactlyAtTheLimit()
    {
        var machine = new FakeQuantumMachine(new MachineConfiguration { Cores = 2, StrandsPerCore = 2 });

        var result = Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 300, MaxCycles = 1000 });

        Assert.Equal(RunStop.CycleLimit, result.Stop);
        Assert.Equal(1000UL, result.Cycle);
        Assert.Equal(4UL, result.Quanta);
        Assert.Equal([300UL, 600, 900, 1000], machine.Boundaries.Select(b => b.Cycle));
        Assert.All(machine.StrandIds, id => Assert.Equal(1000UL, machine.ClockOf(id)));
        Assert.All(result.Instructions, n => Assert.Equal(1000UL, n));
        Assert.Equal(new[] { 0, 1, 4, 5 }, result.StrandIds);
    }

    [Fact]
    public void MachineFinished_StopsAtTheFirstBoundaryAfterTheExit()
    {
        var machine = new FakeQuantumMachine(FullChip, exitAtCycle: 450);

        var result = Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 300, MaxCycles = 10_000 });

        Assert.Equal(RunStop.MachineFinished, result.Stop);
        Assert.Equal(600UL, result.Cycle);
        Assert.Equal(2UL, result.Quanta);
    }

    [Fact]
    public void MachineFinishedAtTheLimit_CountsAsFinished()
    {
        var machine = new FakeQuantumMachine(FullChip, exitAtCycle: 1000);

        var result = Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 500, MaxCycles = 1000 });

        Assert.Equal(RunStop.MachineFinished, result.Stop);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // every strand parked: strand 13 throws in the synchronizer's own call
    public void StrandThatThrows_EndsTheRunNamingTheStrand(bool parked)
    {
        var machine = new FakeQuantumMachine(FullChip, workPerStrand: parked ? 0 : ulong.MaxValue, exitAtCycle: 10_000)
        {
            ThrowStrand = 13,
            ThrowAtCycle = 250,
            ReportParked = parked,
        };

        var e = Assert.Throws<StrandFailedException>(() => Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 100, HostThreads = 2 }));

        Assert.Equal(13, e.StrandId);
        Assert.Equal("strand 13: fake strand failure", e.Message);
    }

    [Fact]
    public void BoundaryStepThatThrows_EndsTheRunWithItsException()
    {
        var machine = new FakeQuantumMachine(FullChip) { ThrowAtBoundary = 300 };

        var e = Assert.Throws<InvalidOperationException>(() => Synchronizer.Run(machine, new SynchronizerOptions { Quantum = 100 }));

        Assert.Equal("fake boundary failure", e.Message);
        Assert.Equal(3, machine.Boundaries.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void HostThreads_OutsideOneToEight_IsAConfigurationError(int threads)
    {
        var machine = new FakeQuantumMachine(FullChip);

        var e = Assert.Throws<InvalidConfigurationException>(() => Synchronizer.Run(machine, new SynchronizerOptions { HostThreads = threads }));

        Assert.StartsWith("invalid machine configuration: host-threads:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tally_CountsRunsPerThreadAndThoseOfCoresAtHomeElsewhere()
    {
        var tally = new HostThreadTally(HostThreadLayout.Create(2));

        tally.Record(new StrandRan(0, 100, 50, HostThread: 0, HostTicks: 10));
        tally.Record(new StrandRan(4, 100, 50, HostThread: 0, HostTicks: 20));
        tally.Record(new StrandRan(5, 100, 50, HostThread: 1, HostTicks: 30));

        Assert.Equal(2, tally.Threads[0].StrandRuns);
        Assert.Equal(1, tally.Threads[0].TakenFromOtherThreads);
        Assert.Equal(Stopwatch.GetElapsedTime(0, 30), tally.Threads[0].Busy);
        Assert.Equal(new HostThreadWork(1, 1, 0, Stopwatch.GetElapsedTime(0, 30)), tally.Threads[1]);
        Assert.Throws<InvalidOperationException>(() => tally.Record(new StrandRan(1, 100, 50, HostThread: -1, HostTicks: 0)));
    }

    [Fact]
    public void Layout_PutsCoreCAtHomeOnThreadCModNAndItsStrandsOnOneDispatcher()
    {
        var layout = HostThreadLayout.Create(3);

        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0], Enumerable.Range(0, 16).Select(layout.HomeThreadOf));
        Assert.Equal(4, Enumerable.Range(0, 16).Select(layout.DispatcherOf).Distinct().Count());
        Assert.Equal(layout.DispatcherOf(4), layout.DispatcherOf(7));
        Assert.False(layout.IsDeterministic);
        Assert.True(HostThreadLayout.Create(1).IsDeterministic);
    }

    [Fact]
    public void Layout_ChainsAllStrandsInDeterministicModeAndEachCoreInParallelMode()
    {
        int[] homeOfThread0 = [9, 0, 1, 8, 2, 3, 10, 11];

        Assert.Equal([[0, 1, 2, 3, 8, 9, 10, 11]], HostThreadLayout.Create(1).Chains(homeOfThread0));
        Assert.Equal([[0, 1, 2, 3], [8, 9, 10, 11]], HostThreadLayout.Create(2).Chains(homeOfThread0));
    }

    [Fact]
    public void Schedule_AnswerForAnotherQuantum_IsRefused()
    {
        var machine = new FakeQuantumMachine(new MachineConfiguration { Cores = 1, StrandsPerCore = 2 });
        var schedule = new QuantumSchedule(machine, 100, ulong.MaxValue);
        Assert.True(schedule.TryBeginQuantum(out ulong until));
        Assert.Equal(100UL, until);

        Assert.Throws<InvalidOperationException>(() => schedule.RecordAnswer(0, 200, 5));
        Assert.False(schedule.RecordAnswer(0, 100, 5));
        Assert.Throws<InvalidOperationException>(() => schedule.RecordAnswer(0, 100, 5));
        Assert.Throws<InvalidOperationException>(() => schedule.EndQuantum());
        Assert.True(schedule.RecordAnswer(1, 100, 7));
        schedule.EndQuantum();
        Assert.Equal(100UL, schedule.Cycle);
        Assert.Equal([5UL, 7], schedule.Instructions);
    }

    [Fact]
    public void Schedule_RunsParkedStrandsAtTheStartAndRecordsTheirAnswers()
    {
        // Strand 0 has 30 instructions of work, strand 1 none: from the first boundary on, 1 is parked.
        var machine = new FakeQuantumMachine(new MachineConfiguration { Cores = 1, StrandsPerCore = 2 }, workPerStrand: 0) { ReportParked = true };
        var schedule = new QuantumSchedule(machine, 100, ulong.MaxValue);
        Assert.True(schedule.TryBeginQuantum(out _));

        Assert.Equal(0b11UL, schedule.RunParkedStrands());
        Assert.True(schedule.AllAnswered);
        Assert.Equal(2UL, schedule.ParkedStrandQuanta);
        Assert.Equal([(0, 100UL), (1, 100UL)], machine.Runs.Select(r => (r.StrandId, r.Until)));
        Assert.Throws<InvalidOperationException>(() => schedule.RunParkedStrands());
        schedule.EndQuantum();
        Assert.Equal(100UL, machine.ClockOf(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ParkedStrands_GiveTheSameResultsWithoutTheirMessages(int hostThreads)
    {
        // Strands that finished their work are parked; the run must end where it ends without parking.
        var config = new MachineConfiguration { Cores = 8, StrandsPerCore = 4 };
        var plain = new FakeQuantumMachine(config, workPerStrand: 1_000, exitAtCycle: 2_000);
        var parking = new FakeQuantumMachine(config, workPerStrand: 1_000, exitAtCycle: 2_000) { ReportParked = true, SpinPerCall = 100 };

        var a = Synchronizer.Run(plain, new SynchronizerOptions { Quantum = 64 });
        var b = Synchronizer.Run(parking, new SynchronizerOptions { Quantum = 64, HostThreads = hostThreads });

        Assert.Empty(parking.Violations);
        Assert.Equal(a.Instructions, b.Instructions);
        Assert.Equal(a.Cycle, b.Cycle);
        Assert.Equal(a.Quanta, b.Quanta);
        Assert.Equal(plain.Boundaries.Select(x => x.Cycle), parking.Boundaries.Select(x => x.Cycle));
        Assert.Equal(0UL, a.ParkedStrandQuanta);
        Assert.Equal(32UL, b.Quanta);
        Assert.Equal(16UL * 32, b.ParkedStrandQuanta); // quanta 17-32: every strand's work ran out in quantum 16
        Assert.Equal((long)(b.Quanta * 32 - b.ParkedStrandQuanta), b.Threads.Sum(t => t.StrandRuns));
    }
}
