using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// Speedup over the baseline case from median times: baseline median / this case's median.
/// BenchmarkDotNet's Ratio is of means, which one slow iteration (another tenant on a shared
/// host) moves by itself; the speedup targets are read here. "-" without a baseline.
/// </summary>
public sealed class MedianSpeedupColumn : IColumn
{
    public string Id => nameof(MedianSpeedupColumn);

    public string ColumnName => "Speedup (median)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median time of the baseline case divided by this case's median time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase)) is not { } baseline
            || summary[baseline]?.ResultStatistics is not { } reference
            || summary[benchmarkCase]?.ResultStatistics is not { } stats
            || stats.Median <= 0)
        {
            return "-";
        }

        return (reference.Median / stats.Median).ToString("F2", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
