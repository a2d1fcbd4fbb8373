using Akka.Actor;

namespace Niagara.Machine;

/// <summary>
/// To a <see cref="StrandActor"/>: run your strand until its clock reaches <paramref name="Cycle"/>,
/// then pass this on to <paramref name="Chain"/>[<paramref name="Next"/>] (if any) and answer
/// <paramref name="ReplyTo"/>. A chain is one core's strands in id order (all strands in
/// deterministic mode): each strand gets its message from the one before it, on the core's lane,
/// so a core's strands run in id order however the host threads interleave.
/// </summary>
public sealed record RunUntil(ulong Cycle, IActorRef ReplyTo, IReadOnlyList<IActorRef> Chain, int Next);

/// <summary>
/// To a <see cref="HostThreadCoordinator"/>: run your strands until <paramref name="Cycle"/>,
/// except those whose bit (1 &lt;&lt; strand id) is set in <paramref name="Parked"/>: the
/// synchronizer already ran them (<see cref="QuantumSchedule.RunParkedStrands"/>).
/// </summary>
public sealed record RunQuantum(ulong Cycle, ulong Parked);

/// <summary>
/// From a <see cref="StrandActor"/>: strand <paramref name="StrandId"/> reached <paramref name="Cycle"/>
/// after executing <paramref name="Instructions"/>, on pool thread <paramref name="HostThread"/>
/// in <paramref name="HostTicks"/> Stopwatch ticks.
/// </summary>
public sealed record StrandRan(int StrandId, ulong Cycle, ulong Instructions, int HostThread, long HostTicks);

/// <summary>From a <see cref="HostThreadCoordinator"/>: every strand of its host thread reached the quantum's end.</summary>
public sealed record StrandsRan(IReadOnlyList<StrandRan> Answers);
