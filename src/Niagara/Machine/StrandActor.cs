using System.Diagnostics;
using Akka.Actor;
using Niagara.Hypervisor.Machine;

namespace Niagara.Machine;

/// <summary>
/// One strand as an actor: turns "run until cycle T" into <see cref="IQuantumMachine.RunStrand"/>,
/// passes the message on to the next strand of its chain and answers with the instructions
/// executed (and which host thread ran it, for how long). It runs on its core's dispatcher
/// (<see cref="HostThreadLayout"/>), which is what keeps two strands of a core from running at once.
/// </summary>
public sealed class StrandActor : ReceiveActor
{
    public StrandActor(IQuantumMachine machine, int strandId)
    {
        Receive<RunUntil>(m =>
        {
            long begin = Stopwatch.GetTimestamp();
            ulong executed = machine.RunStrand(strandId, m.Cycle);
            long ticks = Stopwatch.GetTimestamp() - begin;
            if (m.Next < m.Chain.Count)
            {
                m.Chain[m.Next].Tell(m with { Next = m.Next + 1 });
            }

            m.ReplyTo.Tell(new StrandRan(strandId, m.Cycle, executed, HostThreadPool.CurrentThread, ticks));
        });
    }

    public static Props Props(IQuantumMachine machine, int strandId, string dispatcher) =>
        Akka.Actor.Props.Create(() => new StrandActor(machine, strandId)).WithDispatcher(dispatcher);
}
