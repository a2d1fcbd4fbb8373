using Akka.Actor;
using Niagara.Hypervisor.Machine;

namespace Niagara.Machine;

/// <summary>Runs a machine to its end with one actor per strand (docs/ARCHITECTURE.md, "Time and parallelism").</summary>
public static class Synchronizer
{
    /// <summary>
    /// Runs <paramref name="machine"/> until it finishes or reaches <see cref="SynchronizerOptions.MaxCycles"/>.
    /// Blocks the calling thread; the strands run on the layout's host threads. A strand that
    /// throws ends the run with <see cref="StrandFailedException"/>.
    /// </summary>
    public static SynchronizerResult Run(IQuantumMachine machine, SynchronizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Quantum is 0 or > SynchronizerOptions.MaxQuantum)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Quantum, $"quantum must be 1..{SynchronizerOptions.MaxQuantum}");
        }

        var layout = HostThreadLayout.Create(options.HostThreads);
        var completion = new TaskCompletionSource<SynchronizerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pool = new HostThreadPool(layout.Threads, "niagara-host-thread-");
        var setup = BootstrapSetup.Create().WithConfig(layout.ToConfig()).And(new HostThreadPoolSetup(pool));
        using ActorSystem system = ActorSystem.Create("niagara", setup);
        try
        {
            IActorRef synchronizer = system.ActorOf(SynchronizerActor.Props(machine, options, layout, completion), "synchronizer");
            synchronizer.Tell(BeginRun.Instance);
            return completion.Task.GetAwaiter().GetResult();
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
        }
    }
}
