using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// Simulated MIPS = guest instructions / mean time. The instruction count is measured once per
/// kernel in the host process by running the program through the interpreter (the same count
/// qemu's instruction-counting plugin reports: see bench/qemu-count.sh).
/// </summary>
public sealed class MipsColumn : IColumn
{
    private static readonly ConcurrentDictionary<string, ulong> Instructions = new();

    public string Id => nameof(MipsColumn);

    public string ColumnName => "Simulated MIPS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Guest instructions per microsecond of mean run time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        Statistics? stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || benchmarkCase.Parameters["Kernel"] is not string kernel)
        {
            return "-";
        }

        ulong count = Instructions.GetOrAdd(kernel, k =>
            ProcessRun.Execute(File.ReadAllBytes(GuestKernels.Binary(k)), GuestKernels.Binary(k), GuestKernels.Arguments[k]));
        double microseconds = stats.Mean / 1000.0;
        return (count / microseconds).ToString("F1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
