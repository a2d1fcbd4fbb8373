using Akka.Actor;

namespace Niagara.Machine;

/// <summary>
/// The synchronizer's deputy on one host thread: passes "run until" to the strand actors at home
/// on that thread (in <see cref="HostThreadLayout.SendOrder"/>; not to parked ones) and answers for all of them with
/// one <see cref="StrandsRan"/> once the last has run. It is at home on the same thread as its
/// strands, so the per-strand messages of a quantum are handled by the thread that runs those
/// strands: without it, thread 0 (which also runs the synchronizer) handled all 64 of them while
/// the other threads waited at the boundary.
/// </summary>
public sealed class HostThreadCoordinator : ReceiveActor
{
    private readonly (int Id, IActorRef Actor)[] _strands;
    private StrandRan[] _answers = [];
    private int _received;

    public HostThreadCoordinator((int Id, IActorRef Actor)[] strands)
    {
        _strands = strands;
        Receive<RunQuantum>(Start);
        Receive<StrandRan>(Record);
    }

    public static Props Props((int Id, IActorRef Actor)[] strands, string dispatcher) =>
        Akka.Actor.Props.Create(() => new HostThreadCoordinator(strands)).WithDispatcher(dispatcher);

    private void Start(RunQuantum message)
    {
        var run = new RunUntil(message.Cycle);
        int expected = 0;
        foreach ((int id, IActorRef actor) in _strands)
        {
            if ((message.Parked & (1UL << id)) == 0)
            {
                actor.Tell(run);
                expected++;
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
