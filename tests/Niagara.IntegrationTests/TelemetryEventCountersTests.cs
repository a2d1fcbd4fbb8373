using Niagara.Hypervisor.Sun4v;
using Niagara.Telemetry;

namespace Niagara.IntegrationTests;

/// <summary>The metrics' machine event sink, called directly as the hypervisor calls it.</summary>
public class TelemetryEventCountersTests
{
    private const int FastTrap = (int)HypervisorTrap.FAST_TRAP;

    private static HypercallEvent Call(int strand, FastTrapFunction function, HypervisorError status, ulong cycle = 100) =>
        new(strand, FastTrap, (ulong)function, (ulong)status, cycle, cycle);

    [Fact]
    public void Traps_AreCountedPerStrandAndType()
    {
        var counters = new MachineEventCounters(0);
        counters.OnTrap(new TrapEvent(3, 0x80, 1, 10, 0x4000));
        counters.OnTrap(new TrapEvent(3, 0x80, 1, 20, 0x4000));
        counters.OnTrap(new TrapEvent(5, 0x80, 1, 30, 0x4000));
        counters.OnTrap(new TrapEvent(5, 0x7c, 1, 40, 0x4000));

        Assert.Equal(2, counters.TrapCount(3, 0x80));
        Assert.Equal(3, counters.TrapCount(0x80));
        Assert.Equal(1, counters.TrapCount(0x7c));
        Assert.Equal(0, counters.TrapCount(0x24));
    }

    [Fact]
    public void Hypercalls_AreCountedByFunctionAndStatus()
    {
        var counters = new MachineEventCounters(0);
        counters.OnHypercall(Call(1, FastTrapFunction.CPU_MONDO_SEND, HypervisorError.EWOULDBLOCK));
        counters.OnHypercall(Call(2, FastTrapFunction.CPU_MONDO_SEND, HypervisorError.EWOULDBLOCK));
        counters.OnHypercall(Call(2, FastTrapFunction.CPU_MONDO_SEND, HypervisorError.EOK));
        counters.OnHypercall(new HypercallEvent(0, (int)HypervisorTrap.CORE_TRAP, (ulong)CoreTrapFunction.API_SET_VERSION, 0, 5, 5));

        Dictionary<HypercallKey, long> counts = counters.HypercallCounts().ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(3, counts.Count);
        Assert.Equal(2, counts[new HypercallKey(FastTrap, (ulong)FastTrapFunction.CPU_MONDO_SEND, (ulong)HypervisorError.EWOULDBLOCK)]);
        Assert.Equal(1, counts[new HypercallKey(FastTrap, (ulong)FastTrapFunction.CPU_MONDO_SEND, 0)]);
        Assert.Equal(1, counts[new HypercallKey((int)HypervisorTrap.CORE_TRAP, 0, 0)]);
    }

    [Fact]
    public void ConcurrentStrands_LoseNoCount()
    {
        // As in parallel mode: each strand reports from its own thread, all at once.
        const int PerStrand = 20_000;
        var counters = new MachineEventCounters(0);
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, strand =>
        {
            for (int i = 0; i < PerStrand; i++)
            {
                counters.OnTrap(new TrapEvent(strand, 0x80 + (4 * (i % 2)), 1, (ulong)i, 0));
                if (i % 10 == 0)
                {
                    counters.OnHypercall(Call(strand, (FastTrapFunction)(0x10 + (i % 3)), HypervisorError.EOK, (ulong)i));
                }
            }
        });

        Assert.Equal(32L * PerStrand / 2, counters.TrapCount(0x80));
        Assert.Equal(32L * PerStrand / 2, counters.TrapCount(0x84));
        Assert.Equal(32L * PerStrand / 10, counters.HypercallCounts().Sum(e => e.Value));
        Assert.Equal(3, counters.HypercallCounts().Count());
    }

    [Fact]
    public void Boot_EndsAtTheBootStrandsFirstSuccessfulCpuStart()
    {
        var counters = new MachineEventCounters(4);
        counters.OnHypercall(Call(4, FastTrapFunction.CPU_QCONF, HypervisorError.EOK, 100));
        counters.OnHypercall(Call(5, FastTrapFunction.CPU_START, HypervisorError.EOK, 150)); // not the boot strand
        counters.OnHypercall(Call(4, FastTrapFunction.CPU_START, HypervisorError.EINVAL, 200));
        Assert.Null(counters.BootEndCycle);

        counters.OnHypercall(Call(4, FastTrapFunction.CPU_START, HypervisorError.EOK, 300));
        counters.OnHypercall(Call(4, FastTrapFunction.CONS_PUTCHAR, HypervisorError.EOK, 400));
        Assert.Equal(300UL, counters.BootEndCycle);
        Assert.Equal(BootEnd.CpuStart, counters.BootEndReason);
    }

    [Fact]
    public void Boot_EndsAtFirstConsoleOutputWhenNoStrandIsStarted()
    {
        var counters = new MachineEventCounters(0);
        counters.OnHypercall(Call(0, FastTrapFunction.CONS_WRITE, HypervisorError.EOK, 700));
        Assert.Equal(700UL, counters.BootEndCycle);
        Assert.Equal(BootEnd.ConsoleOutput, counters.BootEndReason);
    }
}
