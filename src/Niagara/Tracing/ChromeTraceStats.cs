namespace Niagara.Tracing;

/// <summary>What <see cref="ChromeTraceWriter"/> wrote, counted per phase and per category.</summary>
public sealed record ChromeTraceStats
{
    /// <summary>Every event in traceEvents, metadata included.</summary>
    public long Events => Metadata + Slices + Instants + FlowStarts + FlowEnds;

    /// <summary>"M" events (process and thread names and sort indices), category "__metadata".</summary>
    public long Metadata { get; init; }

    /// <summary>"X" events: hypercalls plus cross-call send and handle slices.</summary>
    public long Slices { get; init; }

    /// <summary>"i" events: traps.</summary>
    public long Instants { get; init; }

    /// <summary>"s" events, one per cross-call target that took the mondo trap.</summary>
    public long FlowStarts { get; init; }

    /// <summary>"f" events, paired one to one with <see cref="FlowStarts"/> by id.</summary>
    public long FlowEnds { get; init; }

    /// <summary>Category "hypercall" ("X").</summary>
    public long Hypercalls { get; init; }

    /// <summary>Category "trap" ("i").</summary>
    public long Traps { get; init; }

    /// <summary>Category "xcall": send and handle slices plus both flow ends.</summary>
    public long CrossCallEvents { get; init; }

    /// <summary>Strand tracks (one thread per strand).</summary>
    public int Threads { get; init; }

    /// <summary>Bytes written to the stream.</summary>
    public long Bytes { get; init; }
}
