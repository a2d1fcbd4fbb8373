using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Memory.Timing;
using Niagara.Strands.Timing;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace Niagara.Telemetry;

/// <summary>
/// The timing model's counters (`--timing t1`) on the same meter: CPI stack per strand, cache
/// accesses and misses per core, L2 banks, crossbars, DRAM and the FPU. They are read from a
/// <see cref="TimingSnapshot"/> the boundary takes (single-threaded, so consistent) at most
/// every <see cref="RefreshInterval"/> and once after the run; exporters read the latest one.
/// </summary>
public sealed class TimingMetrics
{
    /// <summary>Boundaries take a fresh snapshot no more often than this (a snapshot copies every strand's CPI stack).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Components =
        ["issued", "issue_slot", "pipeline", "instruction_miss", "l1_miss", "l2_miss", "atomic", "fpu", "muldiv", "store_buffer", "contention", "idle"];

    private readonly Sun4vMachine _machine;
    private TimingSnapshot _snapshot;
    private long _taken;

    private TimingMetrics(Meter meter, Sun4vMachine machine, TimingSnapshot first)
    {
        _machine = machine;
        _snapshot = first;
        _taken = Stopwatch.GetTimestamp();
        meter.CreateObservableCounter(MetricNames.StrandCpiStack, CpiStack, MetricNames.StrandCpiStackUnit, MetricNames.StrandCpiStackDescription);
        meter.CreateObservableCounter(MetricNames.CacheAccesses, () => Caches(misses: false), MetricNames.CacheAccessesUnit, MetricNames.CacheAccessesDescription);
        meter.CreateObservableCounter(MetricNames.CacheMisses, () => Caches(misses: true), MetricNames.CacheMissesUnit, MetricNames.CacheMissesDescription);
        meter.CreateObservableCounter(MetricNames.L2BankAccesses, L2Banks, MetricNames.L2BankAccessesUnit, MetricNames.L2BankAccessesDescription);
        meter.CreateObservableCounter(MetricNames.CrossbarPackets, () => Crossbars(wait: false), MetricNames.CrossbarPacketsUnit, MetricNames.CrossbarPacketsDescription);
        meter.CreateObservableCounter(MetricNames.CrossbarWaitCycles, () => Crossbars(wait: true), MetricNames.CrossbarWaitCyclesUnit, MetricNames.CrossbarWaitCyclesDescription);
        meter.CreateObservableCounter(MetricNames.DramBytes, DramBytes, MetricNames.DramBytesUnit, MetricNames.DramBytesDescription);
        meter.CreateObservableCounter(MetricNames.DramBusyCycles, () => PerController(m => m.DramBusyCycles), MetricNames.DramBusyCyclesUnit, MetricNames.DramBusyCyclesDescription);
        meter.CreateObservableCounter(MetricNames.FpuOperations, () => Latest.Memory.FpuOps, MetricNames.FpuOperationsUnit, MetricNames.FpuOperationsDescription);
    }

    private TimingSnapshot Latest => Volatile.Read(ref _snapshot);

    /// <summary>The timing instruments for <paramref name="machine"/>, or null in functional mode.</summary>
    public static TimingMetrics? Create(Meter meter, Sun4vMachine machine)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(machine);
        return machine.TimingSnapshot() is { } first ? new TimingMetrics(meter, machine, first) : null;
    }

    /// <summary>At a boundary (or after the run, <paramref name="force"/>): a new snapshot when the last is old enough.</summary>
    public void Refresh(bool force)
    {
        long now = Stopwatch.GetTimestamp();
        if (force || Stopwatch.GetElapsedTime(_taken, now) >= RefreshInterval)
        {
            Volatile.Write(ref _snapshot, _machine.TimingSnapshot()!);
            _taken = now;
        }
    }

    private static Tag Label(string key, int value) => new(key, value.ToString(CultureInfo.InvariantCulture));

    private static ulong Component(Strands.Timing.CpiStack s, int i) => i switch
    {
        0 => s.Issued,
        1 => s.IssueSlot,
        2 => s.Pipeline,
        3 => s.InstructionMiss,
        4 => s.L1Miss,
        5 => s.L2Miss,
        6 => s.Atomic,
        7 => s.Fpu,
        8 => s.MulDiv,
        9 => s.StoreBuffer,
        10 => s.Contention,
        _ => s.Idle,
    };

    private IEnumerable<Measurement<long>> CpiStack()
    {
        foreach (StrandTimingSnapshot strand in Latest.Strands)
        {
            Tag s = Label(MetricNames.StrandAttribute, strand.StrandId);
            Tag c = Label(MetricNames.CoreAttribute, strand.StrandId / T1Limits.MaxStrandsPerCore);
            for (int i = 0; i < Components.Length; i++)
            {
                yield return new((long)Component(strand.Stack, i), s, c, new Tag(MetricNames.ComponentAttribute, Components[i]));
            }
        }
    }

    private IEnumerable<Measurement<long>> Caches(bool misses)
    {
        foreach (CoreTimingSnapshot core in Latest.Cores)
        {
            Tag c = Label(MetricNames.CoreAttribute, core.Core);
            yield return new(misses ? core.L1IMisses : core.L1IAccesses, c, new Tag(MetricNames.CacheAttribute, "l1i"));
            yield return new(misses ? core.L1DMisses : core.L1DAccesses, c, new Tag(MetricNames.CacheAttribute, "l1d"));
            yield return new(misses ? core.L2Misses : core.L2Accesses, c, new Tag(MetricNames.CacheAttribute, "l2"));
        }
    }

    private IEnumerable<Measurement<long>> L2Banks()
    {
        MemoryTimingCounters m = Latest.Memory;
        for (int bank = 0; bank < m.L2Hits.Length; bank++)
        {
            yield return new(m.L2Hits[bank], Label(MetricNames.BankAttribute, bank), new Tag(MetricNames.ResultAttribute, "hit"));
            yield return new(m.L2Misses[bank], Label(MetricNames.BankAttribute, bank), new Tag(MetricNames.ResultAttribute, "miss"));
        }
    }

    private IEnumerable<Measurement<long>> Crossbars(bool wait)
    {
        MemoryTimingCounters m = Latest.Memory;
        foreach ((string direction, CrossbarCounters counters) in new[] { ("pcx", m.Pcx), ("cpx", m.Cpx) })
        {
            long[] values = wait ? counters.WaitCycles : counters.Packets;
            for (int d = 0; d < values.Length; d++)
            {
                yield return new(values[d], new Tag(MetricNames.DirectionAttribute, direction), Label(MetricNames.DestinationAttribute, d));
            }
        }
    }

    private IEnumerable<Measurement<long>> DramBytes()
    {
        TimingSnapshot snapshot = Latest;
        MemoryTimingCounters m = snapshot.Memory;
        for (int i = 0; i < m.DramReads.Length; i++)
        {
            yield return new((m.DramReads[i] + m.DramWrites[i]) * snapshot.LineBytes, Label(MetricNames.ControllerAttribute, i));
        }
    }

    private IEnumerable<Measurement<long>> PerController(Func<MemoryTimingCounters, long[]> values)
    {
        long[] v = values(Latest.Memory);
        for (int i = 0; i < v.Length; i++)
        {
            yield return new(v[i], Label(MetricNames.ControllerAttribute, i));
        }
    }
}
