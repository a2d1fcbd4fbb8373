using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// Simulated MIPS = guest instructions / mean time (or, with <paramref name="median"/>, / median
/// time: on a shared host, other tenants only ever slow an iteration down, so the median shows
/// the simulator's speed with fewer of their spikes in it; both are reported). The benchmark
/// class says how many guest instructions a case executes (counted once in the host process, by
/// running it: the count is deterministic); this column divides. Null from the counter shows "-".
/// </summary>
public sealed class MipsColumn(string legend, Func<BenchmarkCase, ulong?> instructions, bool median = false) : IColumn
{
    private readonly ConcurrentDictionary<string, ulong?> _counts = new();

    public string Id => median ? nameof(MipsColumn) + ".Median" : nameof(MipsColumn);

    public string ColumnName => median ? "Simulated MIPS (median)" : "Simulated MIPS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => median ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } stats
            || _counts.GetOrAdd(benchmarkCase.DisplayInfo, _ => instructions(benchmarkCase)) is not { } count)
        {
            return "-";
        }

        double nanoseconds = median ? stats.Median : stats.Mean;
        return (count / (nanoseconds / 1000.0)).ToString("F1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
