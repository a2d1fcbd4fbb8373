using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// Simulated MIPS = guest instructions / mean time. The benchmark class says how many guest
/// instructions a case executes (counted once in the host process, by running it: the count is
/// deterministic); this column divides. Null from the counter shows "-".
/// </summary>
public sealed class MipsColumn(string legend, Func<BenchmarkCase, ulong?> instructions) : IColumn
{
    private readonly ConcurrentDictionary<string, ulong?> _counts = new();

    public string Id => nameof(MipsColumn);

    public string ColumnName => "Simulated MIPS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

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

        return (count / (stats.Mean / 1000.0)).ToString("F1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
