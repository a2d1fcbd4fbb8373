using Akka.Actor;

namespace Niagara.Machine;

/// <summary>
/// The synchronizer's deputy on one host thread: starts "run until" down the chains of the strand
/// actors at home on that thread (<see cref="HostThreadLayout.Chains"/>; parked strands left
/// out) and answers for all of them with one <see cref="StrandsRan"/> once the last has run. It
/// is at home on the same thread as its strands, so the per-strand answers of a quantum are
/// handled by the thread that runs those strands: without it, thread 0 (which also runs the
/// synchronizer) handled all of them while the other threads waited at the boundary.
/// </summary>
public sealed class HostThreadCoordinator : ReceiveActor
{
    private readonly (int Id, IActorRef Actor)[][] _chains;
    private StrandRan[] _answers = [];
    private int _received;

    public HostThreadCoordinator((int Id, IActorRef Actor)[][] chains)
    {
        _chains = chains;
        Receive<RunQuantum>(Start);
        Receive<StrandRan>(Record);
    }

    public static Props Props((int Id, IActorRef Actor)[][] chains, string dispatcher) =>
        Akka.Actor.Props.Create(() => new HostThreadCoordinator(chains)).WithDispatcher(dispatcher);

    private void Start(RunQuantum message)
    {
        int expected = 0;
        foreach ((int Id, IActorRef Actor)[] chain in _chains)
        {
            IActorRef[] running = [.. chain.Where(s => (message.Parked & (1UL << s.Id)) == 0).Select(s => s.Actor)];
            if (running.Length > 0)
            {
                running[0].Tell(new RunUntil(message.Cycle, Self, running, 1));
                expected += running.Length;
            }
        }

        _answers = new StrandRan[expected];
        _received = 0;
        if (expected == 0)
        {
            Context.Parent.Tell(new StrandsRan(_answers));
        }
    }

    private void Record(StrandRan answer)
    {
        _answers[_received++] = answer;
        if (_received == _answers.Length)
        {
            Context.Parent.Tell(new StrandsRan(_answers));
        }
    }
}
