using Akka.Actor;

namespace Niagara.Machine;

/// <summary>
/// The synchronizer's deputy on one host thread: passes "run until" to the strand actors at home
/// on that thread (in <see cref="HostThreadLayout.SendOrder"/>) and answers for all of them with
/// one <see cref="StrandsRan"/> once the last has run. It is at home on the same thread as its
/// strands, so the per-strand messages of a quantum are handled by the thread that runs those
/// strands: without it, thread 0 (which also runs the synchronizer) handled all 64 of them while
/// the other threads waited at the boundary.
/// </summary>
public sealed class HostThreadCoordinator : ReceiveActor
{
    private readonly IActorRef[] _strands;
    private StrandRan[] _answers = [];
    private int _received;

    public HostThreadCoordinator(IActorRef[] strands)
    {
        _strands = strands;
        Receive<RunUntil>(Start);
        Receive<StrandRan>(Record);
    }

    public static Props Props(IActorRef[] strands, string dispatcher) =>
        Akka.Actor.Props.Create(() => new HostThreadCoordinator(strands)).WithDispatcher(dispatcher);

    private void Start(RunUntil message)
    {
        _answers = new StrandRan[_strands.Length];
        _received = 0;
        foreach (IActorRef strand in _strands)
        {
            strand.Tell(message);
        }
    }

    private void Record(StrandRan answer)
    {
        _answers[_received++] = answer;
        if (_received == _strands.Length)
        {
            Context.Parent.Tell(new StrandsRan(_answers));
        }
    }
}
