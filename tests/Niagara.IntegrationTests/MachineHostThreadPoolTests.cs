using System.Collections.Concurrent;
using Akka.Dispatch;
using Niagara.Machine;

namespace Niagara.IntegrationTests;

/// <summary>
/// <see cref="HostThreadPool"/> without an actor system: lanes never run two items at once, one
/// thread runs everything in queue order, and an idle thread takes lanes of a busy one. Waits
/// are on events with a generous timeout, so a loaded machine only makes them slower.
/// </summary>
public sealed class MachineHostThreadPoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Lane_RunsItsItemsInOrderAndNeverTwoAtOnce()
    {
        using var pool = new HostThreadPool(3, "test-");
        var lane = pool.CreateLane(0);
        var order = new ConcurrentQueue<int>();
        int inside = 0;
        int overlaps = 0;
        using var done = new CountdownEvent(2000);
        for (int i = 0; i < 2000; i++)
        {
            int n = i;
            lane.Execute(new ActionRunnable(() =>
            {
                if (Interlocked.Exchange(ref inside, 1) != 0)
                {
                    Interlocked.Increment(ref overlaps);
                }

                order.Enqueue(n);
                Thread.SpinWait(50);
                Volatile.Write(ref inside, 0);
                done.Signal();
            }));
        }

        Assert.True(done.Wait(Patience));
        Assert.Equal(0, overlaps);
        Assert.Equal(Enumerable.Range(0, 2000), order);
    }

    [Fact]
    public void OneThread_RunsTheItemsOfAllLanesInTheOrderTheyWereQueued()
    {
        using var pool = new HostThreadPool(1, "test-");
        var lanes = Enumerable.Range(0, 5).Select(_ => pool.CreateLane(0)).ToArray();
        using var gate = new ManualResetEventSlim();
        lanes[0].Execute(new ActionRunnable(() => gate.Wait()));

        // Queued while the one thread waits at the gate, so all are queued before any runs.
        var random = new Random(7);
        var queued = new List<int>();
        var ran = new ConcurrentQueue<int>();
        using var done = new CountdownEvent(300);
        for (int i = 0; i < 300; i++)
        {
            int n = i;
            lanes[random.Next(lanes.Length)].Execute(new ActionRunnable(() =>
            {
                ran.Enqueue(n);
                done.Signal();
            }));
            queued.Add(n);
        }

        gate.Set();
        Assert.True(done.Wait(Patience));
        Assert.Equal(queued, ran);
    }

    [Fact]
    public void IdleThread_RunsTheLaneOfAThreadThatIsBusy()
    {
        using var pool = new HostThreadPool(2, "test-");
        var busyLane = pool.CreateLane(0);
        var waitingLane = pool.CreateLane(0);
        using var busyStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var ranAside = new ManualResetEventSlim();
        int busyThread = -1;
        int asideThread = -1;
        busyLane.Execute(new ActionRunnable(() =>
        {
            busyThread = HostThreadPool.CurrentThread;
            busyStarted.Set();
            release.Wait();
        }));
        Assert.True(busyStarted.Wait(Patience));

        // Both lanes are at home on thread 0; whichever thread holds the busy item, the other
        // one must run this item while the busy one still waits.
        waitingLane.Execute(new ActionRunnable(() =>
        {
            asideThread = HostThreadPool.CurrentThread;
            ranAside.Set();
        }));
        bool ran = ranAside.Wait(Patience);
        release.Set();

        Assert.True(ran);
        Assert.InRange(busyThread, 0, 1);
        Assert.Equal(1 - busyThread, asideThread);
    }

    [Fact]
    public void CurrentThread_IsMinusOneOffThePool()
    {
        Assert.Equal(-1, HostThreadPool.CurrentThread);
    }

    [Fact]
    public async Task Dispose_RunsWhatWasQueuedAndStopsTheThreads()
    {
        var pool = new HostThreadPool(2, "test-");
        var lane = pool.CreateLane(1);
        using var gate = new ManualResetEventSlim();
        int ran = 0;
        lane.Execute(new ActionRunnable(() => gate.Wait()));
        for (int i = 0; i < 10; i++)
        {
            lane.Execute(new ActionRunnable(() => Interlocked.Increment(ref ran)));
        }

        var disposing = Task.Run(pool.Dispose);
        gate.Set();

        await disposing.WaitAsync(Patience);
        Assert.Equal(10, ran);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Pool_WithoutThreads_IsRefused(int threads)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostThreadPool(threads, "test-"));
    }

    [Fact]
    public void Lane_HomedOnAThreadThePoolHasNot_IsRefused()
    {
        using var pool = new HostThreadPool(2, "test-");

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.CreateLane(2));
    }
}
