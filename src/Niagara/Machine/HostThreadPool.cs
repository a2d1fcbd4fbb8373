using System.Diagnostics;
using Akka.Dispatch;

namespace Niagara.Machine;

/// <summary>
/// The host threads that run the actors: N dedicated threads shared by <see cref="Lane"/>s. A lane
/// is a FIFO of work items that never run two at a time, on any threads; each dispatcher of
/// <see cref="HostThreadLayout"/> is one lane, and a core's strand actors share one dispatcher,
/// so the lane is what keeps the core rule. Every lane has a home thread.
/// <para>
/// <b>Which item runs next:</b> a thread takes, among the ready lanes of its own, the one whose
/// next item is oldest. With one thread this is plain FIFO over all items, the order the
/// synchronizer sent them: deterministic mode. A thread with no ready lane of its own takes the
/// ready lane of another thread whose next item is youngest (the one that thread would reach
/// last). Cores stay on their home thread while the threads keep pace, and an idle thread takes
/// queued strands of other cores when one falls behind: host CPUs are not equally fast (on this
/// project's VMs one vCPU ran 30-45 % slower than the other for hours), and with fixed halves
/// the faster thread waited for the slower one at every boundary.
/// </para>
/// <para>
/// An idle thread spins (<see cref="SpinMicroseconds"/>) before it blocks: waking a parked
/// thread cost ~150 us per quantum on this project's VM, which halved the gain of a second host
/// thread. <see cref="SpinWait"/> yields while spinning, so more threads than cores do not
/// starve each other.
/// </para>
/// </summary>
public sealed class HostThreadPool : IDisposable
{
    /// <summary>How long an idle thread spins before it blocks (a few barrier rounds).</summary>
    public const int SpinMicroseconds = 500;

    // Pool index + 1 of the calling thread; 0 on threads that are not the pool's.
    [ThreadStatic]
    private static int t_threadNumber;

    // One lock guards every lane's queue and state and the ready lists. A quantum takes it about
    // twice per strand; the threads spend ~30 us in each strand between takes.
    private readonly object _gate = new();
    private readonly List<Lane>[] _ready;
    private readonly bool[] _sleeping;
    private readonly SemaphoreSlim[] _wake;
    private readonly Thread[] _threads;
    private long _sequence;
    private int _readyLanes;
    private bool _shutdown;

    /// <param name="threads">Host threads to start.</param>
    /// <param name="name">Thread name prefix (the thread index is appended).</param>
    public HostThreadPool(int threads, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _ready = new List<Lane>[threads];
        _sleeping = new bool[threads];
        _wake = new SemaphoreSlim[threads];
        _threads = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            _ready[t] = [];
            _wake[t] = new SemaphoreSlim(0);
            _threads[t] = new Thread(Work) { IsBackground = true, Name = FormattableString.Invariant($"{name}{t}") };
        }

        foreach (Thread thread in _threads)
        {
            thread.Start(thread);
        }
    }

    public int Threads => _threads.Length;

    /// <summary>The index of the pool thread that calls this, or -1 on any other thread.</summary>
    public static int CurrentThread => t_threadNumber - 1;

    /// <summary>A new lane whose items run on <paramref name="homeThread"/> unless another thread is idle.</summary>
    public Lane CreateLane(int homeThread)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(homeThread);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(homeThread, Threads);
        return new Lane(this, homeThread);
    }

    /// <summary>Stops the threads once the items queued so far have run, and waits for them (unless called on one).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_shutdown)
            {
                return;
            }

            _shutdown = true;
            for (int t = 0; t < Threads; t++)
            {
                WakeLocked(t);
            }
        }

        foreach (Thread thread in _threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }

        // A pool thread that called this returns to a loop that sees the shutdown and never
        // waits again, and no thread sleeps any more, so nothing releases a semaphore either.
        foreach (SemaphoreSlim wake in _wake)
        {
            wake.Dispose();
        }
    }

    private void Enqueue(Lane lane, IRunnable item)
    {
        lock (_gate)
        {
            lane.Items.Enqueue((_sequence++, item));
            if (!lane.Running && !lane.Ready)
            {
                MakeReadyLocked(lane);
            }
        }
    }

    private void MakeReadyLocked(Lane lane)
    {
        lane.Ready = true;
        _ready[lane.Home].Add(lane);
        Volatile.Write(ref _readyLanes, _readyLanes + 1);

        // The home thread if it sleeps, else any sleeping thread: an awake one finds it anyway.
        int sleeper = _sleeping[lane.Home] ? lane.Home : Array.IndexOf(_sleeping, true);
        if (sleeper >= 0)
        {
            WakeLocked(sleeper);
        }
    }

    private void WakeLocked(int thread)
    {
        if (_sleeping[thread])
        {
            _sleeping[thread] = false;
            _wake[thread].Release();
        }
    }

    // The lane `thread` runs next (see the class comment), marked running; null if none is ready.
    private Lane? TakeLocked(int thread)
    {
        if (_readyLanes == 0)
        {
            return null;
        }

        List<Lane> from = _ready[thread];
        int index = IndexOfOldest(from);
        if (index < 0)
        {
            // Nothing of its own: the ready lane of another thread whose next item is youngest.
            foreach (List<Lane> other in _ready)
            {
                for (int i = 0; i < other.Count; i++)
                {
                    if (index < 0 || other[i].NextStamp > from[index].NextStamp)
                    {
                        from = other;
                        index = i;
                    }
                }
            }
        }

        Lane lane = from[index];
        from.RemoveAt(index);
        Volatile.Write(ref _readyLanes, _readyLanes - 1);
        lane.Ready = false;
        lane.Running = true;
        return lane;
    }

    private static int IndexOfOldest(List<Lane> lanes)
    {
        int best = -1;
        for (int i = 0; i < lanes.Count; i++)
        {
            if (best < 0 || lanes[i].NextStamp < lanes[best].NextStamp)
            {
                best = i;
            }
        }

        return best;
    }

    private void Work(object? self)
    {
        int me = Array.IndexOf(_threads, (Thread)self!);
        t_threadNumber = me + 1;
        long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        Lane? finished = null;
        while (true)
        {
            Lane? lane;
            IRunnable? item = null;
            lock (_gate)
            {
                if (finished is not null)
                {
                    finished.Running = false;
                    if (finished.Items.Count > 0)
                    {
                        MakeReadyLocked(finished);
                    }

                    finished = null;
                }

                lane = TakeLocked(me);
                if (lane is not null)
                {
                    item = lane.Items.Dequeue().Item;
                }
                else if (_shutdown)
                {
                    return;
                }
            }

            if (lane is not null)
            {
                finished = lane;
                item!.Run();
                continue;
            }

            if (SpinForWork(spinTicks))
            {
                continue;
            }

            // Announce the sleep under the lock that makes lanes ready: either a lane became
            // ready before (and we look again) or its maker sees the flag and wakes us.
            lock (_gate)
            {
                if (_readyLanes > 0 || _shutdown)
                {
                    continue;
                }

                _sleeping[me] = true;
            }

            _wake[me].Wait();
        }
    }

    private bool SpinForWork(long spinTicks)
    {
        long deadline = Stopwatch.GetTimestamp() + spinTicks;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _readyLanes) == 0)
        {
            if (Volatile.Read(ref _shutdown) || Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    /// <summary>A FIFO of items that run one at a time on the pool's threads; see <see cref="HostThreadPool"/>.</summary>
    public sealed class Lane
    {
        private readonly HostThreadPool _pool;

        internal Lane(HostThreadPool pool, int home)
        {
            _pool = pool;
            Home = home;
        }

        /// <summary>The thread that runs this lane's items while it keeps pace with the others.</summary>
        public int Home { get; }

        // The pool's state of this lane, under its lock: queued items with their enqueue stamps,
        // whether it waits in its home thread's ready list, whether a thread runs one of its items.
        internal Queue<(long Stamp, IRunnable Item)> Items { get; } = new();

        internal bool Ready { get; set; }

        internal bool Running { get; set; }

        internal long NextStamp => Items.Peek().Stamp;

        /// <summary>Queues <paramref name="item"/>; it runs after the lane's earlier items, never beside them.</summary>
        public void Execute(IRunnable item)
        {
            ArgumentNullException.ThrowIfNull(item);
            _pool.Enqueue(this, item);
        }
    }
}
