using Niagara.Hypervisor.Sun4v;

namespace Niagara.Telemetry;

/// <summary>Per-strand instructions and cycles at one moment, in <see cref="ObservedMachine.StrandIds"/> order.</summary>
public sealed record StrandSample(ulong[] Instructions, ulong[] Cycles);

/// <summary>
/// Reads the strands' own counters (<see cref="VirtualCpu.InstructionsRetired"/>, the strand
/// clock <c>Strand.Cycle</c>) for the exporters, on the exporter's thread, while the strands
/// run: without locks (64-bit reads are atomic on x64, so a value is at worst a little behind
/// the strand). Two things could make a counter step back, which Prometheus would take for a
/// reset: a boundary swapping a vCPU's strand mid-read (so a read that overlaps a boundary is
/// thrown away: <see cref="ObservedMachine.BoundarySequence"/> is a seqlock), and a memory fault
/// un-retiring its instruction (so values only grow while the run goes on). Once the run has
/// ended every value is exact: equal to the run report's.
/// </summary>
public sealed class StrandSampler
{
    private readonly ObservedMachine _host;
    private readonly VirtualCpu[] _cpus;
    private readonly long[] _instructions;
    private readonly long[] _cycles;
    private volatile bool _ended;

    public StrandSampler(ObservedMachine host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        IReadOnlyList<int> ids = host.StrandIds;
        _cpus = new VirtualCpu[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            _cpus[i] = host.Machine.Hypervisor.CpuById((ulong)ids[i])!;
        }

        _instructions = new long[ids.Count];
        _cycles = new long[ids.Count];
    }

    /// <summary>After the run: read exact values from now on (no strand moves any more).</summary>
    public void MarkEnded() => _ended = true;

    public StrandSample Sample()
    {
        var instructions = new ulong[_cpus.Length];
        var cycles = new ulong[_cpus.Length];
        if (_ended)
        {
            for (int i = 0; i < _cpus.Length; i++)
            {
                instructions[i] = _cpus[i].InstructionsRetired;
                cycles[i] = _cpus[i].Strand.Cycle;
            }

            return new StrandSample(instructions, cycles);
        }

        long sequence = _host.BoundarySequence;
        bool consistent = (sequence & 1) == 0;
        if (consistent)
        {
            for (int i = 0; i < _cpus.Length; i++)
            {
                instructions[i] = _cpus[i].InstructionsRetired;
                cycles[i] = _cpus[i].Strand.Cycle;
            }

            consistent = _host.BoundarySequence == sequence;
        }

        for (int i = 0; i < _cpus.Length; i++)
        {
            // A torn read reports the last good value; a good one never below it.
            instructions[i] = (ulong)Max(ref _instructions[i], consistent ? (long)instructions[i] : 0);
            cycles[i] = (ulong)Max(ref _cycles[i], consistent ? (long)cycles[i] : 0);
        }

        return new StrandSample(instructions, cycles);
    }

    // Raises location to at least value (exporters may collect concurrently) and returns the result.
    private static long Max(ref long location, long value)
    {
        long current = Volatile.Read(ref location);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return value;
            }

            current = seen;
        }

        return current;
    }
}
