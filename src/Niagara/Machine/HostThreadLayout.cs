using System.Globalization;
using System.Text;
using Akka.Configuration;
using Niagara.Hypervisor.Configuration;

namespace Niagara.Machine;

/// <summary>
/// Which host thread runs which strand actor. There are N dispatchers, each with exactly one
/// thread that runs mailboxes in FIFO order (<see cref="HostThreadExecutor"/>).
/// <para>
/// <b>Core rule:</b> core c's strand actors all run on dispatcher c mod N. A dispatcher has one
/// thread, so two strands of one core never execute at the same time on two host threads, and
/// core-shared state (the core's pipeline and L1s in the timing model) is only ever touched by
/// that core's single thread. This is the rule <see cref="Niagara.Hypervisor.Machine.IQuantumMachine.RunStrand"/>
/// requires ("never for two strands of one core at once").
/// </para>
/// <para>
/// <b>Deterministic mode</b> is N = 1: the synchronizer and every strand actor share one thread.
/// The synchronizer sends "run until" to the strands in ascending id order and the single
/// thread runs mailboxes in the order they were scheduled, so strands run in that fixed order,
/// one after the other, in every quantum of every run.
/// </para>
/// </summary>
public sealed class HostThreadLayout
{
    private const string DispatcherPrefix = "niagara-host-thread-";

    private HostThreadLayout(int threads) => Threads = threads;

    /// <summary>Dispatchers (= host threads running strands); 1 in deterministic mode.</summary>
    public int Threads { get; }

    public bool IsDeterministic => Threads == 1;

    /// <summary>
    /// A layout with <paramref name="hostThreads"/> dispatchers. More threads than cores cannot
    /// help (a core is the unit of placement), so that is refused.
    /// </summary>
    public static HostThreadLayout Create(int hostThreads)
    {
        if (hostThreads is < 1 or > T1Limits.MaxCores)
        {
            throw new InvalidConfigurationException(
                "host-threads", $"{hostThreads} is outside 1..{T1Limits.MaxCores} (strands run per core, and a T1 has {T1Limits.MaxCores} cores)");
        }

        return new HostThreadLayout(hostThreads);
    }

    /// <summary>The dispatcher index of <paramref name="strandId"/>: its core modulo the thread count (the core rule).</summary>
    public int ThreadOf(int strandId) => (strandId / T1Limits.MaxStrandsPerCore) % Threads;

    /// <summary>The Akka dispatcher id of <paramref name="strandId"/>'s actor.</summary>
    public string DispatcherOf(int strandId) => DispatcherName(ThreadOf(strandId));

    /// <summary>
    /// The synchronizer shares thread 0: a barrier then needs one thread wake-up fewer, and in
    /// deterministic mode everything runs on the one thread.
    /// </summary>
    public string SynchronizerDispatcher => DispatcherName(0);

    /// <summary>Actor-system configuration: the dispatchers, and Akka kept off stdout (the guest console's).</summary>
    public Config ToConfig()
    {
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.loglevel = OFF");
        hocon.AppendLine("akka.stdout-loglevel = OFF");
        hocon.AppendLine("akka.log-dead-letters = off");
        hocon.AppendLine("akka.log-dead-letters-during-shutdown = off");
        hocon.AppendLine("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
        for (int d = 0; d < Threads; d++)
        {
            hocon.Append(CultureInfo.InvariantCulture, $"{DispatcherName(d)} {{ ");
            hocon.Append(CultureInfo.InvariantCulture, $"type = Dispatcher, throughput = 100, executor = \"{typeof(HostThreadExecutorConfigurator).AssemblyQualifiedName}\" ");
            hocon.AppendLine("}");
        }

        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    /// <summary>The Akka dispatcher id of host thread <paramref name="thread"/>.</summary>
    public string DispatcherName(int thread)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(thread, Threads);
        return DispatcherPrefix + thread.ToString(CultureInfo.InvariantCulture);
    }
}
