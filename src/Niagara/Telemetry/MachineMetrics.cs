using System.Diagnostics.Metrics;
using System.Globalization;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Tracing;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace Niagara.Telemetry;

/// <summary>
/// The instruments of <see cref="MetricNames"/> on one Meter (components count, the telemetry
/// layer reports: STYLE.md 8). Almost all are observable: the exporter's collection calls them
/// back and they read the counters the machine keeps anyway (<see cref="StrandSampler"/>,
/// <see cref="CrossCallCounters"/>, <see cref="MachineEventCounters"/>, <see cref="ObservedMachine"/>),
/// so a run that nobody scrapes pays nothing. The cross-call latency histogram is recorded at
/// quantum boundaries (<see cref="CrossCallObserver"/>).
/// <para>
/// Idle/yield cycles are not counted in functional timing (the strand's clock jumps over
/// cpu_yield, stopped and boundary waits without saying which); cycles minus instructions is
/// all of them together. The timing model counts them (the "idle" component of
/// <see cref="MetricNames.StrandCpiStack"/>, <see cref="TimingMetrics"/>), with its cache,
/// crossbar and DRAM counters.
/// </para>
/// </summary>
public sealed class MachineMetrics
{
    /// <summary>Bucket bounds of the latency histogram in cycles: 512 to 4 M by powers of two (a quantum is 8 K by default).</summary>
    public static IReadOnlyList<long> LatencyBuckets { get; } = [.. Enumerable.Range(9, 14).Select(shift => 1L << shift)];

    private readonly ObservedMachine _host;
    private readonly StrandSampler _sampler;
    private readonly MachineEventCounters _events;
    private readonly CrossCallCounters _crossCalls;
    private readonly Tag[][] _strandTags;
    private readonly int[] _coreOfIndex;
    private readonly int[] _cores;
    private readonly Tag[][] _coreTags;
    private readonly Tag[][] _hostThreadTags;

    public MachineMetrics(Meter meter, ObservedMachine host, StrandSampler sampler, MachineEventCounters events)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(events);
        _host = host;
        _sampler = sampler;
        _events = events;
        _crossCalls = host.Machine.CrossCalls.Counters;
        IReadOnlyList<int> ids = host.StrandIds;
        _strandTags = new Tag[ids.Count][];
        _coreOfIndex = new int[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            _coreOfIndex[i] = ids[i] / T1Limits.MaxStrandsPerCore;
            _strandTags[i] = [new(MetricNames.StrandAttribute, Id(ids[i])), new(MetricNames.CoreAttribute, Id(_coreOfIndex[i]))];
        }

        _cores = [.. _coreOfIndex.Distinct().Order()];
        _coreTags = [.. _cores.Select(c => new Tag[] { new(MetricNames.CoreAttribute, Id(c)) })];
        _hostThreadTags = [.. Enumerable.Range(0, host.HostThreads).Select(t => new Tag[] { new(MetricNames.HostThreadAttribute, Id(t)) })];

        meter.CreateObservableCounter(MetricNames.StrandInstructions, () => PerStrand(s => s.Instructions), MetricNames.StrandInstructionsUnit, MetricNames.StrandInstructionsDescription);
        meter.CreateObservableCounter(MetricNames.StrandCycles, () => PerStrand(s => s.Cycles), MetricNames.StrandCyclesUnit, MetricNames.StrandCyclesDescription);
        meter.CreateObservableGauge(MetricNames.StrandIpc, StrandIpc, MetricNames.StrandIpcUnit, MetricNames.StrandIpcDescription);
        meter.CreateObservableCounter(MetricNames.CoreInstructions, CoreInstructions, MetricNames.CoreInstructionsUnit, MetricNames.CoreInstructionsDescription);
        meter.CreateObservableCounter(MetricNames.CoreCycles, CoreCycles, MetricNames.CoreCyclesUnit, MetricNames.CoreCyclesDescription);
        meter.CreateObservableGauge(MetricNames.CoreIpc, CoreIpc, MetricNames.CoreIpcUnit, MetricNames.CoreIpcDescription);
        meter.CreateObservableCounter(MetricNames.MachineCycles, () => (long)host.Machine.Cycle, MetricNames.MachineCyclesUnit, MetricNames.MachineCyclesDescription);

        meter.CreateObservableCounter(MetricNames.Hypercalls, Hypercalls, MetricNames.HypercallsUnit, MetricNames.HypercallsDescription);
        meter.CreateObservableCounter(MetricNames.Traps, Traps, MetricNames.TrapsUnit, MetricNames.TrapsDescription);

        meter.CreateObservableCounter(MetricNames.CrossCallCalls, () => _crossCalls.Calls, MetricNames.CrossCallCallsUnit, MetricNames.CrossCallCallsDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallSent, () => _crossCalls.Accepted, MetricNames.CrossCallSentUnit, MetricNames.CrossCallSentDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallDelivered, () => _crossCalls.Delivered, MetricNames.CrossCallDeliveredUnit, MetricNames.CrossCallDeliveredDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallHandled, () => _crossCalls.Handled, MetricNames.CrossCallHandledUnit, MetricNames.CrossCallHandledDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallDropped, () => _crossCalls.Dropped, MetricNames.CrossCallDroppedUnit, MetricNames.CrossCallDroppedDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallRetried, () => _crossCalls.WouldBlock, MetricNames.CrossCallRetriedUnit, MetricNames.CrossCallRetriedDescription);
        meter.CreateObservableCounter(MetricNames.CrossCallErrors, () => _crossCalls.Errors, MetricNames.CrossCallErrorsUnit, MetricNames.CrossCallErrorsDescription);
        CrossCallLatency = meter.CreateHistogram(MetricNames.CrossCallLatency, MetricNames.CrossCallLatencyUnit, MetricNames.CrossCallLatencyDescription,
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = LatencyBuckets });

        meter.CreateObservableGauge(MetricNames.HostSimulatedMips, SimulatedMips, MetricNames.HostSimulatedMipsUnit, MetricNames.HostSimulatedMipsDescription);
        meter.CreateObservableCounter(MetricNames.HostQuanta, () => host.Quanta, MetricNames.HostQuantaUnit, MetricNames.HostQuantaDescription);
        meter.CreateObservableGauge(MetricNames.HostQuantaRate, QuantaRate, MetricNames.HostQuantaRateUnit, MetricNames.HostQuantaRateDescription);
        meter.CreateObservableCounter(MetricNames.HostThreadBusyTime, BusyTimes, MetricNames.HostThreadBusyTimeUnit, MetricNames.HostThreadBusyTimeDescription);
        meter.CreateObservableGauge(MetricNames.HostThreads, () => host.HostThreads, MetricNames.HostThreadsUnit, MetricNames.HostThreadsDescription);
    }

    /// <summary>Recorded once per handled mondo, at the boundary after its handling.</summary>
    public Histogram<long> CrossCallLatency { get; }

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Ratio(ulong a, ulong b) => b == 0 ? 0 : (double)a / b;

    private IEnumerable<Measurement<long>> PerStrand(Func<StrandSample, ulong[]> values)
    {
        ulong[] v = values(_sampler.Sample());
        for (int i = 0; i < v.Length; i++)
        {
            yield return new((long)v[i], _strandTags[i]);
        }
    }

    private IEnumerable<Measurement<double>> StrandIpc()
    {
        StrandSample s = _sampler.Sample();
        for (int i = 0; i < s.Instructions.Length; i++)
        {
            yield return new(Ratio(s.Instructions[i], s.Cycles[i]), _strandTags[i]);
        }
    }

    // Per core: instructions summed over its strands, its clock the most advanced strand's.
    private (ulong Instructions, ulong Cycles)[] PerCore()
    {
        StrandSample s = _sampler.Sample();
        var cores = new (ulong Instructions, ulong Cycles)[_cores.Length];
        for (int i = 0; i < s.Instructions.Length; i++)
        {
            int c = Array.IndexOf(_cores, _coreOfIndex[i]);
            cores[c] = (cores[c].Instructions + s.Instructions[i], Math.Max(cores[c].Cycles, s.Cycles[i]));
        }

        return cores;
    }

    private IEnumerable<Measurement<long>> CoreInstructions() => PerCore().Select((c, i) => new Measurement<long>((long)c.Instructions, _coreTags[i]));

    private IEnumerable<Measurement<long>> CoreCycles() => PerCore().Select((c, i) => new Measurement<long>((long)c.Cycles, _coreTags[i]));

    private IEnumerable<Measurement<double>> CoreIpc() => PerCore().Select((c, i) => new Measurement<double>(Ratio(c.Instructions, c.Cycles), _coreTags[i]));

    private IEnumerable<Measurement<long>> Hypercalls()
    {
        foreach (KeyValuePair<HypercallKey, long> entry in _events.HypercallCounts())
        {
            HypercallKey k = entry.Key;
            yield return new(entry.Value, new Tag(MetricNames.FunctionAttribute, TraceNames.Hypercall(k.TrapNumber, k.Function)), new Tag(MetricNames.StatusAttribute, TraceNames.Status(k.Status)));
        }
    }

    private IEnumerable<Measurement<long>> Traps()
    {
        for (int tt = 0; tt < MachineEventCounters.TrapTypes; tt++)
        {
            long n = _events.TrapCount(tt);
            if (n != 0)
            {
                yield return new(n, new Tag(MetricNames.TrapTypeAttribute, "0x" + tt.ToString("x3", CultureInfo.InvariantCulture)), new Tag(MetricNames.TrapNameAttribute, TraceNames.Trap((ushort)tt)));
            }
        }
    }

    private double SimulatedMips()
    {
        double seconds = _host.Elapsed.TotalSeconds;
        ulong total = 0;
        foreach (ulong n in _sampler.Sample().Instructions)
        {
            total += n;
        }

        return seconds > 0 ? total / seconds / 1e6 : 0;
    }

    private double QuantaRate()
    {
        double seconds = _host.Elapsed.TotalSeconds;
        return seconds > 0 ? _host.Quanta / seconds : 0;
    }

    private IEnumerable<Measurement<double>> BusyTimes()
    {
        for (int t = 0; t < _host.HostThreads; t++)
        {
            yield return new(_host.BusyTime(t).TotalSeconds, _hostThreadTags[t]);
        }
    }
}
