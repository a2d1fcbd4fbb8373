using System.Text.Json.Nodes;

namespace Niagara.Reports;

/// <summary>
/// Everything a machine run's report says, as plain data: the text table, the JSON report
/// (docs/report-schema.json) and the plots are all made from this one object, so they cannot
/// disagree. Property names become the JSON names (camelCase).
/// </summary>
public sealed record RunSummary
{
    /// <summary>Bumped when a field changes meaning or goes away; new optional fields keep it.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The image path as given, or "built-in demo".</summary>
    public required string Image { get; init; }

    /// <summary>
    /// How the run ended; null only in a summary made without the machine's outcome (the text
    /// table does not show it; the JSON report always has it).
    /// </summary>
    public RunOutcome? Outcome { get; init; }

    public required MachineShape Machine { get; init; }

    public required SynchronizerSummary Synchronizer { get; init; }

    /// <summary>The boundary cycle the run ended at.</summary>
    public required ulong Cycles { get; init; }

    public required ulong Instructions { get; init; }

    /// <summary>Per strand, ascending id.</summary>
    public required IReadOnlyList<StrandSummary> Strands { get; init; }

    /// <summary>Per core that has strands, ascending id.</summary>
    public required IReadOnlyList<CoreSummary> Cores { get; init; }

    /// <summary>Null when the run has no cross-call data (e.g. the old report entry point).</summary>
    public CrossCallReport? CrossCalls { get; init; }

    public required HostSummary Host { get; init; }

    /// <summary>
    /// Extension point for the timing model (cache, crossbar, CPI stack): an object it fills, or
    /// null (omitted from the JSON). The schema lets it hold any object until it is specified.
    /// </summary>
    public JsonObject? Timing { get; init; }
}

/// <summary>How the run ended. <see cref="Reason"/>: guestExit, strandError, watchdogExpired, noRunningCpu or cycleLimit.</summary>
public sealed record RunOutcome(string Reason, int ExitStatus, string Message);

public sealed record MachineShape(int Cores, int StrandsPerCore, ulong ClockHz);

/// <summary><see cref="MaxCycles"/> is null when there was no --max-cycles; <see cref="ParkedStrandQuanta"/>: strand-quanta run without an actor message (the strand could not issue).</summary>
public sealed record SynchronizerSummary(ulong Quantum, ulong Quanta, int HostThreads, ulong? MaxCycles, ulong ParkedStrandQuanta);

public sealed record StrandSummary(int Id, int Core, ulong Instructions, ulong Cycles, double Ipc);

/// <summary>A core's instructions summed over its strands; <see cref="Ipc"/> is instructions per core cycle.</summary>
public sealed record CoreSummary(int Id, IReadOnlyList<int> Strands, ulong Instructions, ulong Cycles, double Ipc);

/// <summary><see cref="Threads"/>: per host thread, the strands it ran (how many of cores at home on another) and its time inside them.</summary>
public sealed record HostSummary(double WallSeconds, double Mips, double MipsPerHostThread, double QuantaPerSecond, IReadOnlyList<HostThreadSummary> Threads);

public sealed record HostThreadSummary(int Thread, long StrandRuns, long TakenFromOtherThreads, double BusySeconds);

/// <summary>Latency statistics in cycles (nearest-rank percentiles, Tracing/LatencyStatistics).</summary>
public sealed record LatencyReport(long Count, ulong Min, ulong Median, ulong P99, ulong Max);

/// <summary>One histogram bin: latencies in [<see cref="FromCycles"/>, <see cref="ToCycles"/>).</summary>
public sealed record HistogramBin(ulong FromCycles, ulong ToCycles, long Count);

/// <summary>cpu_mondo_send's own counters: every call, refused ones included.</summary>
public sealed record CrossCallServiceReport(long Calls, long WouldBlock, long BusyEntries, long Errors);

/// <summary>The cross-call part of the report (Tracing/CrossCallSummary, plus the latency histogram).</summary>
public sealed record CrossCallReport
{
    public long CrossCalls { get; init; }

    public long AcceptingCalls { get; init; }

    public long Delivered { get; init; }

    public long Trapped { get; init; }

    public long Handled { get; init; }

    public long Dropped { get; init; }

    public long Pending { get; init; }

    public long Retries { get; init; }

    public long RetriedCrossCalls { get; init; }

    public int MaxRetries { get; init; }

    public CrossCallServiceReport? Service { get; init; }

    public required LatencyReport SendToTrap { get; init; }

    public required LatencyReport SendToHandled { get; init; }

    /// <summary>Send -> handled latencies, binned (empty when nothing was handled).</summary>
    public required IReadOnlyList<HistogramBin> SendToHandledHistogram { get; init; }
}
