using System.Diagnostics;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Strands.Timing;
using Niagara.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Niagara.IntegrationTests;

/// <summary>Only one in-process run at a time may listen to the process-wide "Niagara" meter and source.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryInProcessCollection
{
    public const string Name = "telemetry in process";
}

/// <summary>
/// The storm workload (32 strands sending each other mondos) run in process with OpenTelemetry's
/// in-memory exporters: every exported value equals what the machine and the synchronizer
/// counted (the numbers the run report prints), and there is one span per cross-call.
/// </summary>
[Collection(TelemetryInProcessCollection.Name)]
public class TelemetryInMemoryTests
{
    private sealed record Run(SynchronizerResult Result, Sun4vMachine Machine, List<MetricSnapshot> Metrics, List<Activity> Spans);

    private static Run RunStorm(TelemetryOptions options, TimingSchedule? timing = null)
    {
        MachineConfiguration config = ChipLayout.Parse("32", null);
        GuestImage image = GuestImageLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "guest", "bin", "storm.elf")), config);
        var synchronizer = new SynchronizerOptions();
        var metrics = new List<MetricSnapshot>();
        var spans = new List<Activity>();
        TelemetrySession session = TelemetrySession.Start(options, "storm.elf", config, synchronizer, m => m.AddInMemoryExporter(metrics), t => t.AddInMemoryExporter(spans))!;
        var machine = new Sun4vMachine(config, image.Segments, new TextWriterConsole(TextWriter.Null), session.MachineOptions);
        if (timing is { } schedule)
        {
            machine.EnableTiming(schedule);
        }

        SynchronizerResult result = Synchronizer.Run(session.Observe(machine, machine, synchronizer.HostThreads), synchronizer);
        session.Complete(result);
        session.Dispose(); // the final collection goes to the in-memory exporter
        Assert.Equal(0, machine.Outcome?.ExitCode);
        return new Run(result, machine, metrics, spans);
    }

    // The last export of each instrument holds the final values.
    private static IReadOnlyList<MetricPoint> Points(Run run, string name)
    {
        MetricSnapshot? snapshot = run.Metrics.LastOrDefault(m => m.Name == name);
        Assert.True(snapshot is not null, $"{name} was not exported");
        return snapshot.MetricPoints;
    }

    private static string Tag(MetricPoint point, string key)
    {
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return (string)tag.Value!;
            }
        }

        throw new Xunit.Sdk.XunitException($"no tag {key}");
    }

    private static long Sum(Run run, string name) => Points(run, name).Sum(p => p.GetSumLong());

    [Fact]
    public void Metrics_EqualTheMachinesOwnCounts()
    {
        Run run = RunStorm(TelemetryOptions.None);
        SynchronizerResult result = run.Result;

        IReadOnlyList<MetricPoint> instructions = Points(run, MetricNames.StrandInstructions);
        Assert.Equal(result.StrandIds.Count, instructions.Count);
        foreach (MetricPoint point in instructions)
        {
            int strand = int.Parse(Tag(point, MetricNames.StrandAttribute), System.Globalization.CultureInfo.InvariantCulture);
            int index = result.StrandIds.ToList().IndexOf(strand);
            Assert.Equal((long)result.Instructions[index], point.GetSumLong());
            Assert.Equal((strand / 4).ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(point, MetricNames.CoreAttribute));
        }

        Assert.All(Points(run, MetricNames.StrandCycles), p => Assert.Equal((long)result.Cycle, p.GetSumLong()));
        Assert.Equal(8, Points(run, MetricNames.CoreInstructions).Count);
        Assert.Equal((long)result.TotalInstructions, Sum(run, MetricNames.CoreInstructions));
        Assert.Equal((long)result.Cycle, Sum(run, MetricNames.MachineCycles));
        Assert.Equal((long)result.Quanta, Sum(run, MetricNames.HostQuanta));
        Assert.All(Points(run, MetricNames.StrandIpc), p => Assert.InRange(p.GetGaugeLastValueDouble(), 0, 1));

        CrossCallCounters crossCalls = run.Machine.CrossCalls.Counters;
        Assert.True(crossCalls.Handled > 0);
        Assert.Equal(crossCalls.Calls, Sum(run, MetricNames.CrossCallCalls));
        Assert.Equal(crossCalls.Accepted, Sum(run, MetricNames.CrossCallSent));
        Assert.Equal(crossCalls.Delivered, Sum(run, MetricNames.CrossCallDelivered));
        Assert.Equal(crossCalls.Handled, Sum(run, MetricNames.CrossCallHandled));
        Assert.Equal(crossCalls.WouldBlock, Sum(run, MetricNames.CrossCallRetried));

        // Every hypercall the hypervisor served went through the event sink.
        Assert.Equal(run.Machine.Cpus.Sum(c => c.Hypercalls), Sum(run, MetricNames.Hypercalls));
        MetricPoint wouldBlock = Points(run, MetricNames.Hypercalls).Single(p => Tag(p, MetricNames.FunctionAttribute) == "cpu_mondo_send" && Tag(p, MetricNames.StatusAttribute) == "EWOULDBLOCK");
        Assert.Equal(crossCalls.WouldBlock, wouldBlock.GetSumLong());
        Assert.Contains(Points(run, MetricNames.Traps), p => Tag(p, MetricNames.TrapNameAttribute) == "cpu_mondo" && Tag(p, MetricNames.TrapTypeAttribute) == "0x07c");
    }

    [Fact]
    public void LatencyHistogram_HasEveryHandledMondo()
    {
        Run run = RunStorm(TelemetryOptions.None);
        CrossCallEvent[] handled = [.. run.Machine.CrossCalls.Events.Where(e => e.Status == CrossCallStatus.Handled)];

        MetricPoint histogram = Assert.Single(Points(run, MetricNames.CrossCallLatency));
        Assert.Equal(handled.Length, histogram.GetHistogramCount());
        Assert.Equal(handled.Sum(e => (double)(e.HandledCycle!.Value - e.SendCycle)), histogram.GetHistogramSum());
    }

    [Fact]
    public void Spans_RunBootAndOnePerCrossCall()
    {
        Run run = RunStorm(TelemetryOptions.None);

        Activity root = Assert.Single(run.Spans, s => s.OperationName == "niagara.run");
        Assert.Equal((long)run.Result.Cycle, root.GetTagItem("niagara.cycles"));
        Activity boot = Assert.Single(run.Spans, s => s.OperationName == MachineSpans.BootSpanName);
        Assert.Equal(root.SpanId, boot.ParentSpanId);
        Assert.Equal("cpu_start", boot.GetTagItem("niagara.boot.ended_by"));

        // One span per cpu_mondo_send call that was accepted: events grouped by sender and send cycle.
        IReadOnlyList<CrossCallEvent> events = run.Machine.CrossCalls.Events;
        int calls = events.Select(e => (e.Sender, e.SendCycle)).Distinct().Count();
        Activity[] crossCalls = [.. run.Spans.Where(s => s.OperationName == MachineSpans.CrossCallSpanName)];
        Assert.Equal(Math.Min(calls, TelemetryOptions.MaxCrossCallSpans), crossCalls.Length);
        Assert.All(crossCalls, s => Assert.Equal(root.TraceId, s.TraceId));

        Activity first = crossCalls.Single(s => (long)s.GetTagItem("niagara.crosscall.sequence")! == 0);
        CrossCallEvent e0 = events[0];
        Assert.Equal(e0.Sender, first.GetTagItem("niagara.crosscall.sender"));
        Assert.Contains(e0.Target, (int[])first.GetTagItem("niagara.crosscall.targets")!);
        Assert.Equal((long)e0.SendCycle, first.GetTagItem("niagara.crosscall.send_cycle"));
        Assert.Equal("handled", first.GetTagItem("niagara.crosscall.status"));

        // Simulated time: the span lasts (end - send) cycles at the configured clock.
        long end = (long)first.GetTagItem("niagara.crosscall.end_cycle")!;
        double expected = (end - (long)e0.SendCycle) / 1.2e9;
        Assert.Equal(expected, first.Duration.TotalSeconds, 6);
    }

    [Fact]
    public void TraceSample_KeepsThatShareOfCrossCalls()
    {
        Run all = RunStorm(TelemetryOptions.None);
        Run tenth = RunStorm(TelemetryOptions.None with { TraceSample = 0.1 });
        int total = all.Spans.Count(s => s.OperationName == MachineSpans.CrossCallSpanName);
        int kept = tenth.Spans.Count(s => s.OperationName == MachineSpans.CrossCallSpanName);
        Assert.InRange(kept, total / 20, total / 5);
    }

    [Fact]
    public void TimingModel_CountersJoinTheMeter()
    {
        Run run = RunStorm(TelemetryOptions.None, TimingSchedule.Parallel);
        TimingSnapshot snapshot = run.Machine.TimingSnapshot()!;

        // The CPI stack's components add up to each strand's timed cycles.
        IReadOnlyList<MetricPoint> stack = Points(run, MetricNames.StrandCpiStack);
        Assert.Equal(snapshot.Strands.Count * 12, stack.Count);
        foreach (StrandTimingSnapshot strand in snapshot.Strands)
        {
            string id = strand.StrandId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((long)strand.Cycles, stack.Where(p => Tag(p, MetricNames.StrandAttribute) == id).Sum(p => p.GetSumLong()));
            Assert.Equal((long)strand.Stack.Idle, stack.Single(p => Tag(p, MetricNames.StrandAttribute) == id && Tag(p, MetricNames.ComponentAttribute) == "idle").GetSumLong());
        }

        IReadOnlyList<MetricPoint> misses = Points(run, MetricNames.CacheMisses);
        Assert.Equal(snapshot.Cores.Sum(c => c.L1DMisses), misses.Where(p => Tag(p, MetricNames.CacheAttribute) == "l1d").Sum(p => p.GetSumLong()));
        Assert.Equal(snapshot.Cores.Sum(c => c.L1IAccesses), Points(run, MetricNames.CacheAccesses).Where(p => Tag(p, MetricNames.CacheAttribute) == "l1i").Sum(p => p.GetSumLong()));
        Assert.Equal(snapshot.Memory.TotalL2Misses, Points(run, MetricNames.L2BankAccesses).Where(p => Tag(p, MetricNames.ResultAttribute) == "miss").Sum(p => p.GetSumLong()));
        Assert.Equal(snapshot.DramBytes, Sum(run, MetricNames.DramBytes));
        Assert.True(Sum(run, MetricNames.CrossbarPackets) > 0);
    }
}
