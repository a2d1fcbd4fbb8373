using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Dispatch;

namespace Niagara.Machine;

/// <summary>
/// The executor behind each <see cref="HostThreadLayout"/> dispatcher: one lane of the run's
/// <see cref="HostThreadPool"/>. Akka hands it mailbox runs; the lane runs them in FIFO order,
/// one at a time, on the pool's threads.
/// </summary>
public sealed class HostThreadLaneExecutor(string id, HostThreadPool.Lane lane) : ExecutorService(id)
{
    public override void Execute(IRunnable run) => lane.Execute(run);

    /// <summary>Nothing to stop: the pool's threads belong to the run (<see cref="Synchronizer"/> disposes the pool).</summary>
    public override void Shutdown()
    {
    }
}

/// <summary>Hands the run's <see cref="HostThreadPool"/> to the actor system (<see cref="HostThreadLaneExecutorConfigurator"/> reads it).</summary>
public sealed class HostThreadPoolSetup(HostThreadPool pool) : Setup
{
    public HostThreadPool Pool { get; } = pool;
}

/// <summary>
/// Akka's hook for <see cref="HostThreadLaneExecutor"/>, named in a dispatcher's "executor"
/// setting; the dispatcher's "home-thread" setting is its lane's home thread.
/// </summary>
public sealed class HostThreadLaneExecutorConfigurator : ExecutorServiceConfigurator
{
    /// <summary>The dispatcher setting that names the lane's home thread.</summary>
    public const string HomeThreadSetting = "home-thread";

    private readonly HostThreadPool _pool;
    private readonly int _homeThread;

    public HostThreadLaneExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prerequisites);
        var setup = prerequisites.Settings.Setup.Get<HostThreadPoolSetup>();
        _pool = setup.HasValue
            ? setup.Value.Pool
            : throw new InvalidOperationException($"the actor system was created without a {nameof(HostThreadPoolSetup)}");
        _homeThread = config.GetInt(HomeThreadSetting);
    }

    public override ExecutorService Produce(string id) => new HostThreadLaneExecutor(id, _pool.CreateLane(_homeThread));
}
