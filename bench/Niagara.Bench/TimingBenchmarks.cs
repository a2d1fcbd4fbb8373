using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// Issue 5's speed target: simulated MIPS per host thread in timing mode (`--timing t1`) on the
/// transaction mix, beside functional mode's figure on the same image (target: t1 >= 25). One
/// host thread, deterministic schedule, 32 strands; the run is the simulation alone (no actor
/// system). `dotnet run -c Release --project bench/Niagara.Bench -- --filter '*TimingBenchmarks*'`.
/// </summary>
[Config(typeof(Config))]
public class TimingBenchmarks
{
    [Params("txmix", "compute")]
    public string Workload { get; set; } = "txmix";

    [Params("none", "t1")]
    public string Mode { get; set; } = "t1";

    [Benchmark]
    public ulong Run() => TimingRuns.Run(Workload, 32, Mode).Instructions;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
            AddColumn(new MipsColumn());
        }
    }

    /// <summary>Guest instructions (of this very mode: spinning differs between modes) per microsecond of mean time.</summary>
    private sealed class MipsColumn : IColumn
    {
        public string Id => nameof(TimingBenchmarks) + nameof(MipsColumn);

        public string ColumnName => "Simulated MIPS";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Guest instructions per microsecond of mean run time (one host thread)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } stats
                || benchmarkCase.Parameters["Workload"] is not string workload || benchmarkCase.Parameters["Mode"] is not string mode)
            {
                return "-";
            }

            ulong count = TimingRuns.Remembered(workload, 32, mode).Instructions;
            return (count / (stats.Mean / 1000.0)).ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}
