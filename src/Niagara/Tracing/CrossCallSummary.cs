using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>Cross-calls to one target strand: mondos accepted for it and their send -> handled latency.</summary>
public readonly record struct TargetSummary(int Strand, long CrossCalls, LatencyStatistics SendToHandled);

/// <summary>
/// The cross-call numbers of a traced run. A cross-call is one mondo to one target. Latency is
/// measured per cross-call from the sender's cpu_mondo_send that got it accepted: send -> trap
/// until the target took trap 0x7c for it, send -> handled until the target's HEAD store moved
/// past it; only cross-calls that got that far count in each. EWOULDBLOCK retries are the
/// sender's earlier calls refused for that target.
/// </summary>
public sealed record CrossCallSummary
{
    /// <summary>Mondos accepted into a target's mailbox.</summary>
    public long CrossCalls { get; init; }

    /// <summary>cpu_mondo_send calls that got at least one mondo accepted.</summary>
    public long AcceptingCalls { get; init; }

    public long Delivered { get; init; }

    public long Trapped { get; init; }

    public long Handled { get; init; }

    /// <summary>Lost to a target reset or queue reconfiguration.</summary>
    public long Dropped { get; init; }

    /// <summary>Still in the mailbox or the queue when the run ended.</summary>
    public long Pending { get; init; }

    /// <summary>Sum of every cross-call's EWOULDBLOCK retries.</summary>
    public long Retries { get; init; }

    /// <summary>Cross-calls accepted only after at least one EWOULDBLOCK.</summary>
    public long RetriedCrossCalls { get; init; }

    public int MaxRetries { get; init; }

    /// <summary>The service's call counters (all calls, refused ones included), when the machine kept them.</summary>
    public CrossCallServiceCounts? Service { get; init; }

    public LatencyStatistics SendToTrap { get; init; }

    public LatencyStatistics SendToHandled { get; init; }

    /// <summary>Per target strand that was sent anything, ascending.</summary>
    public IReadOnlyList<TargetSummary> PerTarget { get; init; } = [];

    public static CrossCallSummary From(MachineTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        IReadOnlyList<CrossCallRecord> records = trace.CrossCalls;
        var toTrap = new ulong[records.Count];
        var toHandled = new ulong[records.Count];
        int trapped = 0, handled = 0, maxRetries = 0;
        long calls = 0, delivered = 0, dropped = 0, pending = 0, retries = 0, retried = 0;
        for (int i = 0; i < records.Count; i++)
        {
            CrossCallRecord x = records[i];
            calls += TraceEventOrder.CallLength(records, i) > 0 ? 1 : 0;
            delivered += x.DeliverCycle is null ? 0 : 1;
            dropped += x.Status == CrossCallStatus.Dropped ? 1 : 0;
            pending += x.Status is CrossCallStatus.InMailbox or CrossCallStatus.Delivered ? 1 : 0;
            retries += x.Retries;
            retried += x.Retries > 0 ? 1 : 0;
            maxRetries = Math.Max(maxRetries, x.Retries);
            if (x.TrapCycle is { } trap)
            {
                toTrap[trapped++] = trap - x.SendCycle;
            }

            if (x.HandledCycle is { } done)
            {
                toHandled[handled++] = done - x.SendCycle;
            }
        }

        return new CrossCallSummary
        {
            CrossCalls = records.Count,
            AcceptingCalls = calls,
            Delivered = delivered,
            Trapped = trapped,
            Handled = handled,
            Dropped = dropped,
            Pending = pending,
            Retries = retries,
            RetriedCrossCalls = retried,
            MaxRetries = maxRetries,
            Service = trace.Service,
            SendToTrap = LatencyStatistics.FromUnsorted(toTrap, trapped),
            SendToHandled = LatencyStatistics.FromUnsorted(toHandled, handled),
            PerTarget = PerTargetSummaries(trace),
        };
    }

    private static List<TargetSummary> PerTargetSummaries(MachineTrace trace)
    {
        // One latency list per target strand, filled in record order.
        var counts = new Dictionary<int, long>();
        var latencies = new Dictionary<int, List<ulong>>();
        foreach (CrossCallRecord x in trace.CrossCalls)
        {
            counts[x.Target] = counts.GetValueOrDefault(x.Target) + 1;
            if (x.HandledCycle is { } done)
            {
                if (!latencies.TryGetValue(x.Target, out List<ulong>? list))
                {
                    latencies[x.Target] = list = [];
                }

                list.Add(done - x.SendCycle);
            }
        }

        var result = new List<TargetSummary>(counts.Count);
        foreach (int strand in trace.StrandIds)
        {
            if (!counts.TryGetValue(strand, out long count))
            {
                continue;
            }

            LatencyStatistics stats = latencies.TryGetValue(strand, out List<ulong>? list)
                ? LatencyStatistics.FromUnsorted([.. list], list.Count)
                : LatencyStatistics.Empty;
            result.Add(new TargetSummary(strand, count, stats));
        }

        return result;
    }
}
