namespace Niagara.Machine;

/// <summary>
/// What the synchronizer counted during a run (the run report formats it). <see cref="ParkedStrandQuanta"/>:
/// strand-quanta the synchronizer ran itself because the strand was parked (no actor message).
/// </summary>
public sealed record SynchronizerResult(
    RunStop Stop,
    ulong Cycle,
    ulong Quanta,
    ulong Quantum,
    IReadOnlyList<int> StrandIds,
    IReadOnlyList<ulong> Instructions,
    TimeSpan WallTime,
    int HostThreads,
    IReadOnlyList<HostThreadWork> Threads,
    ulong ParkedStrandQuanta)
{
    public ulong TotalInstructions
    {
        get
        {
            ulong total = 0;
            foreach (ulong n in Instructions)
            {
                total += n;
            }

            return total;
        }
    }
}

/// <summary>A strand's <see cref="Niagara.Hypervisor.Machine.IQuantumMachine.RunStrand"/> threw: a simulator bug, which ends the run.</summary>
public sealed class StrandFailedException : Exception
{
    public StrandFailedException(int strandId, Exception innerException)
        : base($"strand {strandId}: {innerException.Message}", innerException)
    {
        StrandId = strandId;
    }

    public StrandFailedException()
    {
    }

    public StrandFailedException(string message)
        : base(message)
    {
    }

    public StrandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StrandId { get; } = -1;
}
