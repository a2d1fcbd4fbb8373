using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Configuration;
using Akka.Dispatch;

namespace Niagara.Machine;

/// <summary>
/// The executor behind each <see cref="HostThreadLayout"/> dispatcher: exactly one dedicated
/// thread that runs the mailboxes Akka hands it in FIFO order. FIFO on one thread is what makes
/// deterministic mode run the strands in the order the synchronizer sent "run until".
/// <para>
/// Between quanta a thread waits for the next "run until" while the others finish theirs. An
/// idle thread first spins (<see cref="SpinMicroseconds"/>) and only then blocks: the Akka
/// fork-join pool parks at once, and waking a parked thread cost ~150 us per quantum on this
/// project's VM, which halved the gain of a second host thread. <see cref="SpinWait"/> yields
/// while spinning, so more host threads than cores do not starve each other.
/// </para>
/// </summary>
public sealed class HostThreadExecutor : ExecutorService, IDisposable
{
    /// <summary>How long an idle thread spins before it blocks (a few barrier rounds).</summary>
    public const int SpinMicroseconds = 500;

    private readonly ConcurrentQueue<IRunnable> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private int _sleeping;
    private volatile bool _shutdown;

    public HostThreadExecutor(string id)
        : base(id)
    {
        _thread = new Thread(Work) { IsBackground = true, Name = id };
        _thread.Start();
    }

    public override void Execute(IRunnable run)
    {
        _queue.Enqueue(run);
        if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
        {
            _wake.Release();
        }
    }

    /// <summary>Akka's stop: the thread finishes the queued work and ends.</summary>
    public override void Shutdown()
    {
        _shutdown = true;
        _wake.Release();
    }

    /// <summary>Shuts down and waits for the thread. (Akka only calls <see cref="Shutdown"/>; the semaphore holds no kernel handle then.)</summary>
    public void Dispose()
    {
        Shutdown();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
            _wake.Dispose();
        }
    }

    private void Work()
    {
        long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        while (true)
        {
            if (_queue.TryDequeue(out IRunnable? run))
            {
                run.Run();
                continue;
            }

            if (_shutdown)
            {
                return;
            }

            if (SpinForWork(spinTicks))
            {
                continue;
            }

            // Announce the sleep before the last look at the queue, so Execute either sees the
            // flag (and wakes us) or enqueued before that look. A stale wake-up only loops.
            Interlocked.Exchange(ref _sleeping, 1);
            if (_queue.IsEmpty && !_shutdown)
            {
                _wake.Wait();
            }

            Interlocked.Exchange(ref _sleeping, 0);
        }
    }

    private bool SpinForWork(long spinTicks)
    {
        long deadline = Stopwatch.GetTimestamp() + spinTicks;
        var spinner = default(SpinWait);
        while (_queue.IsEmpty)
        {
            if (_shutdown || Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }
}

/// <summary>Akka's hook for <see cref="HostThreadExecutor"/>: named in the dispatcher's "executor" setting.</summary>
public sealed class HostThreadExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    public override ExecutorService Produce(string id) => new HostThreadExecutor(id);
}
