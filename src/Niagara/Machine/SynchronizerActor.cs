using System.Diagnostics;
using Akka.Actor;
using Niagara.Hypervisor.Machine;

namespace Niagara.Machine;

/// <summary>
/// Drives simulated time in quanta: sends <see cref="RunUntil"/> to every strand actor (through
/// the <see cref="HostThreadCoordinator"/> of its host thread), waits for every
/// <see cref="StrandRan"/>, runs the boundary step on its own thread, repeats until
/// the machine finishes or the cycle limit is reached. The logic is in <see cref="QuantumSchedule"/>;
/// this actor only moves messages. The run's outcome goes to <paramref name="completion"/>.
/// </summary>
public sealed class SynchronizerActor : ReceiveActor
{
    private readonly QuantumSchedule _schedule;
    private readonly HostThreadTally _tally;
    private readonly IActorRef[] _strands;
    private readonly IActorRef[] _coordinators;
    private readonly ulong[] _coordinatorStrands; // per coordinator, its strands as a mask (bit = strand id)
    private readonly TaskCompletionSource<SynchronizerResult> _completion;
    private readonly HostThreadLayout _layout;
    private readonly ulong _quantum;
    private readonly Stopwatch _wall = new();

    public SynchronizerActor(IQuantumMachine machine, SynchronizerOptions options, HostThreadLayout layout, TaskCompletionSource<SynchronizerResult> completion)
    {
        _schedule = new QuantumSchedule(machine, options.Quantum, options.MaxCycles);
        _tally = new HostThreadTally(layout);
        _completion = completion;
        _layout = layout;
        _quantum = options.Quantum;
        _strands = new IActorRef[_schedule.StrandIds.Count];
        var byThread = new List<int>[layout.Threads];
        var actorOf = new Dictionary<int, IActorRef>();
        for (int t = 0; t < byThread.Length; t++)
        {
            byThread[t] = [];
        }

        for (int i = 0; i < _strands.Length; i++)
        {
            int id = _schedule.StrandIds[i];
            _strands[i] = Context.ActorOf(StrandActor.Props(machine, id, layout.DispatcherOf(id)), StrandActorName(id));
            actorOf.Add(id, _strands[i]);
            byThread[layout.HomeThreadOf(id)].Add(id);
        }

        // One coordinator per host thread with strands at home; children of this actor, so a
        // strand's answer reaches it through its coordinator and the supervision stays here.
        int[] withStrands = [.. Enumerable.Range(0, layout.Threads).Where(t => byThread[t].Count > 0)];
        _coordinators = [.. withStrands.Select(t => Context.ActorOf(
            HostThreadCoordinator.Props([.. layout.Chains(byThread[t]).Select(chain => chain.Select(id => (id, actorOf[id])).ToArray())], layout.ControlDispatcher(t)),
            CoordinatorName(t)))];
        _coordinatorStrands = [.. withStrands.Select(t => byThread[t].Aggregate(0UL, (mask, id) => mask | (1UL << id)))];

        Receive<BeginRun>(_ => Step(null));
        Receive<StrandsRan>(Step);
    }

    public static Props Props(IQuantumMachine machine, SynchronizerOptions options, HostThreadLayout layout, TaskCompletionSource<SynchronizerResult> completion) =>
        Akka.Actor.Props.Create(() => new SynchronizerActor(machine, options, layout, completion)).WithDispatcher(layout.SynchronizerDispatcher);

    /// <summary>
    /// Supervision: a strand actor that throws (a simulator bug: the guest's own errors are
    /// machine state, not exceptions) is stopped and the whole run fails. Restarting it would
    /// resume a strand whose state is unknown. Akka's own failure logging is off (stdout is the
    /// guest console's); the exception reaches the caller instead.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new FailRunStrategy(this);

    private static string StrandActorName(int strandId) => FormattableString.Invariant($"strand-{strandId}");

    private static string CoordinatorName(int thread) => FormattableString.Invariant($"host-thread-{thread}");

    private void NextQuantum()
    {
        while (_schedule.TryBeginQuantum(out ulong until))
        {
            // Parked strands run here; a quantum in which every strand is parked ends here too.
            ulong parked = _schedule.RunParkedStrands();
            if (_schedule.AllAnswered)
            {
                _schedule.EndQuantum();
                continue;
            }

            // Each coordinator starts it down its chains: in deterministic mode (one coordinator,
            // one chain) ascending ids, the order the strands run in.
            var message = new RunQuantum(until, parked);
            for (int i = 0; i < _coordinators.Length; i++)
            {
                if ((_coordinatorStrands[i] & ~parked) != 0)
                {
                    _coordinators[i].Tell(message);
                }
            }

            return;
        }

        _wall.Stop();
        _completion.TrySetResult(new SynchronizerResult(
            _schedule.Stop!.Value, _schedule.Cycle, _schedule.Quanta, _quantum, _schedule.StrandIds,
            [.. _schedule.Instructions], _wall.Elapsed, _layout.Threads, _tally.Threads, _schedule.ParkedStrandQuanta));
        Context.Stop(Self);
    }

    // One step of the run: the start, or one host thread's answers (the last of a quantum runs
    // the boundary and starts the next). An exception in the boundary step or a protocol
    // violation ends the run with that exception.
    private void Step(StrandsRan? answers)
    {
        try
        {
            if (answers is null)
            {
                _wall.Start();
                NextQuantum();
                return;
            }

            foreach (StrandRan answer in answers.Answers)
            {
                _schedule.RecordAnswer(answer.StrandId, answer.Cycle, answer.Instructions);
                _tally.Record(answer);
            }

            if (_schedule.AllAnswered)
            {
                _schedule.EndQuantum();
                NextQuantum();
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        _completion.TrySetException(e);
        Context.Stop(Self);
    }

    private sealed class FailRunStrategy(SynchronizerActor owner) : OneForOneStrategy(_ => Directive.Stop, loggingEnabled: false)
    {
        protected override Directive Handle(IActorRef child, Exception exception)
        {
            int index = Array.IndexOf(owner._strands, child);
            owner.Fail(index >= 0 ? new StrandFailedException(owner._schedule.StrandIds[index], exception) : exception);
            return Directive.Stop;
        }
    }
}
