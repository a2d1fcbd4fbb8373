using System.Globalization;
using System.Text;
using Akka.Configuration;
using Niagara.Hypervisor.Configuration;

namespace Niagara.Machine;

/// <summary>
/// Which dispatcher runs which actor, and on which host thread it is at home. Every dispatcher is
/// one lane of the run's <see cref="HostThreadPool"/> (N threads): its items run in FIFO order,
/// one at a time (<see cref="HostThreadLaneExecutor"/>).
/// <para>
/// <b>Core rule:</b> core c's strand actors all run on dispatcher "core c". A lane never runs
/// two items at once, so two strands of one core never execute at the same time on two host
/// threads, and core-shared state (the core's pipeline and L1s in the timing model) is touched
/// by one thread at a time, each handing it on under the pool's lock. This is the rule
/// <see cref="Niagara.Hypervisor.Machine.IQuantumMachine.RunStrand"/> requires ("never for two
/// strands of one core at once"). Core c is at home on thread c mod N; an idle thread takes
/// queued strands of other cores.
/// </para>
/// <para>
/// <b>Deterministic mode</b> is N = 1: the synchronizer and every strand actor share one thread.
/// The synchronizer sends "run until" to the strands in ascending id order and the single
/// thread runs the items of all lanes in the order they were queued, so strands run in that
/// fixed order, one after the other, in every quantum of every run.
/// </para>
/// </summary>
public sealed class HostThreadLayout
{
    private const string CoreDispatcherPrefix = "niagara-core-";
    private const string ControlDispatcherPrefix = "niagara-host-thread-";

    private HostThreadLayout(int threads) => Threads = threads;

    /// <summary>Host threads running actors; 1 in deterministic mode.</summary>
    public int Threads { get; }

    public bool IsDeterministic => Threads == 1;

    /// <summary>
    /// A layout with <paramref name="hostThreads"/> threads. More threads than cores cannot
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

    /// <summary>The home thread of <paramref name="strandId"/>: its core modulo the thread count.</summary>
    public int HomeThreadOf(int strandId) => CoreOf(strandId) % Threads;

    /// <summary>The Akka dispatcher id of <paramref name="strandId"/>'s actor: its core's.</summary>
    public string DispatcherOf(int strandId) => CoreDispatcherPrefix + CoreOf(strandId).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The synchronizer is at home on thread 0: a barrier then needs one thread wake-up fewer,
    /// and in deterministic mode everything runs on the one thread.
    /// </summary>
    public string SynchronizerDispatcher => ControlDispatcher(0);

    /// <summary>
    /// How "run until" travels through <paramref name="strandIds"/> (one host thread's): chains,
    /// each strand passing it to the next (<see cref="RunUntil"/>). Deterministic mode: one chain,
    /// ascending ids, the order the strands run in. Parallel mode: one chain per core, in id
    /// order, the chains started core by core. A strand then gets its message from its
    /// predecessor on the core's lane, after that strand ran: a core's strands always run in id
    /// order (a core's timing state, its L1s and MUL/DIV, sees them in that order), while strands
    /// of several cores stay queued until late in a quantum, for an idle thread to take.
    /// <para>
    /// Why not send to every strand at once: a strand's mailbox that is still finishing its last
    /// run when the next message comes is queued when that run ends, behind its siblings, so a
    /// core's strands ran out of order now and then, and a race-free timing run differed
    /// between 1 and 2 host threads (1 in ~25 runs of compute on 8 strands under load).
    /// </para>
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Chains(IEnumerable<int> strandIds) =>
        IsDeterministic
            ? [[.. strandIds.Order()]]
            : [.. strandIds.GroupBy(CoreOf).OrderBy(core => core.Key).Select(core => (IReadOnlyList<int>)[.. core.Order()])];

    /// <summary>The dispatcher of the actors that pass messages for host thread <paramref name="thread"/>.</summary>
    public string ControlDispatcher(int thread)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(thread, Threads);
        return ControlDispatcherPrefix + thread.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Actor-system configuration: the dispatchers, and Akka kept off stdout (the guest console's).</summary>
    public Config ToConfig()
    {
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.loglevel = OFF");
        hocon.AppendLine("akka.stdout-loglevel = OFF");
        hocon.AppendLine("akka.log-dead-letters = off");
        hocon.AppendLine("akka.log-dead-letters-during-shutdown = off");
        hocon.AppendLine("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
        for (int core = 0; core < T1Limits.MaxCores; core++)
        {
            AppendDispatcher(hocon, CoreDispatcherPrefix + core.ToString(CultureInfo.InvariantCulture), core % Threads);
        }

        for (int thread = 0; thread < Threads; thread++)
        {
            AppendDispatcher(hocon, ControlDispatcher(thread), thread);
        }

        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    private static int CoreOf(int strandId) => strandId / T1Limits.MaxStrandsPerCore;

    private static void AppendDispatcher(StringBuilder hocon, string name, int homeThread)
    {
        hocon.Append(CultureInfo.InvariantCulture, $"{name} {{ ");
        hocon.Append(CultureInfo.InvariantCulture, $"type = Dispatcher, throughput = 100, executor = \"{typeof(HostThreadLaneExecutorConfigurator).AssemblyQualifiedName}\", ");
        hocon.Append(CultureInfo.InvariantCulture, $"{HostThreadLaneExecutorConfigurator.HomeThreadSetting} = {homeThread} ");
        hocon.AppendLine("}");
    }
}
