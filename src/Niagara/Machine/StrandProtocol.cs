namespace Niagara.Machine;

/// <summary>To a <see cref="StrandActor"/>: run your strand until its clock reaches <paramref name="Cycle"/>.</summary>
public sealed record RunUntil(ulong Cycle);

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
