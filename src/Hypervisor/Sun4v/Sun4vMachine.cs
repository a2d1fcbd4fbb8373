using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Machine;
using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Timing;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// A sun4v machine with one guest domain, as the time synchronizer drives it
/// (<see cref="IQuantumMachine"/>): guest memory (the configured real-address range, RA = PA),
/// one strand per configured strand id whose trap handler is the <see cref="Sun4vHypervisor"/>,
/// the guest image copied in, and the boot strand (the lowest id) started at RTBA + 0x20 with
/// RTBA = the memory base (sun4v reference section 4). Every other strand waits stopped for
/// cpu_start.
/// </summary>
public sealed partial class Sun4vMachine : IQuantumMachine
{
    public Sun4vMachine(MachineConfiguration config, IReadOnlyList<GuestImageSegment> image, IConsoleDevice console, Sun4vMachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(image);
        config.EnsureValid();
        Memory = new PhysicalMemory();
        Memory.Map(config.MemoryBase, config.MemorySize, PageAccess.All);
        Hypervisor = new Sun4vHypervisor(config, Memory, console, options);
        Hypervisor.Machine.Boot(image, 0);
        StrandIds = config.StrandIds();
    }

    public PhysicalMemory Memory { get; }

    public Sun4vHypervisor Hypervisor { get; }

    public IReadOnlyList<int> StrandIds { get; }

    public bool Finished => Hypervisor.Outcome is not null;

    /// <summary>How the run ended; null while it runs.</summary>
    public MachineOutcome? Outcome => Hypervisor.Outcome;

    /// <summary>The cycle of the last boundary.</summary>
    public ulong Cycle { get; private set; }

    public CrossCallTrace CrossCalls => Hypervisor.Trace;

    public IReadOnlyList<VirtualCpu> Cpus => Hypervisor.Cpus;

    /// <summary>The strand currently running vCPU <paramref name="strandId"/> (a new object after cpu_start or mach_sir).</summary>
    public Strand StrandOf(int strandId) => CpuOf(strandId).Strand;

    /// <summary>Instructions retired by every vCPU over the run.</summary>
    public ulong InstructionsRetired
    {
        get
        {
            ulong total = 0;
            foreach (VirtualCpu cpu in Hypervisor.Cpus)
            {
                total += cpu.InstructionsRetired;
            }

            return total;
        }
    }

    public ulong RunStrand(int strandId, ulong untilCycle)
    {
        VirtualCpu cpu = CpuOf(strandId);
        if (Finished)
        {
            return 0;
        }

        if (Timing is not null)
        {
            return RunTimedStrand(cpu, untilCycle);
        }

        return cpu.Strand.RunUntil(untilCycle);
    }

    // The reference schedule runs a whole core on its first strand's call: no strand of it is
    // ever run alone, so none is reported parked.
    public bool IsParked(int strandId, ulong untilCycle) =>
        Timing is not { Schedule: TimingSchedule.Reference } && CpuOf(strandId).Strand.IsParkedUntil(untilCycle);

    public void EndQuantum(ulong cycle)
    {
        Cycle = cycle;
        Timing?.EndQuantum(cycle);
        Hypervisor.EndQuantum(cycle);
    }

    /// <summary>
    /// The deterministic schedule on the calling thread: per quantum of <paramref name="quantum"/>
    /// cycles every strand in id order, then the boundary; until the machine ends or the clock
    /// reaches <paramref name="maxCycles"/>. Returns the outcome, or null at the cycle limit.
    /// </summary>
    public MachineOutcome? RunDeterministic(ulong quantum, ulong maxCycles)
    {
        ArgumentOutOfRangeException.ThrowIfZero(quantum);
        while (!Finished && Cycle < maxCycles)
        {
            ulong until = Math.Min(Cycle + quantum, maxCycles);
            foreach (int id in StrandIds)
            {
                RunStrand(id, until);
            }

            EndQuantum(until);
        }

        return Outcome;
    }

    private VirtualCpu CpuOf(int strandId) =>
        (strandId >= 0 ? Hypervisor.CpuById((ulong)strandId) : null)
        ?? throw new ArgumentOutOfRangeException(nameof(strandId), strandId, "not a configured strand");
}
