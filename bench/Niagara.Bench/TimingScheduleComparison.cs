using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>
/// How far the parallel quantum scheme (`--timing t1`) is from the cycle-by-cycle reference
/// (`--timing t1-reference`) on the workload suite, one core's 4 strands: the summary's
/// "Cycles" column is the simulated time to the guest's exit and "vs reference" the difference
/// (tests/Niagara.IntegrationTests/TimingScheduleTests asserts 10% on the race-free ones); the
/// time columns show what the reference costs. locks races on shared memory by design, so its
/// spinning differs between the schedules.
/// `dotnet run -c Release --project bench/Niagara.Bench -- --filter '*TimingScheduleComparison*'`.
/// </summary>
[Config(typeof(Config))]
public class TimingScheduleComparison
{
    private const int Strands = 4;

    [Params("ialu", "txmix_small", "jobmix", "compute", "locks", "stream", "pchase_quick")]
    public string Workload { get; set; } = "ialu";

    [Params("t1", "t1-reference")]
    public string Mode { get; set; } = "t1";

    [Benchmark]
    public ulong Run() => TimingRuns.Run(Workload, Strands, Mode).Cycles;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Dry.WithLaunchCount(1).WithIterationCount(1));
            AddColumn(new CyclesColumn(false), new CyclesColumn(true));
        }
    }

    /// <summary>Simulated cycles of the case, or its difference from the reference run of the same workload.</summary>
    private sealed class CyclesColumn(bool difference) : IColumn
    {
        public string Id => difference ? "VsReference" : "Cycles";

        public string ColumnName => difference ? "vs reference" : "Cycles";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => difference ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => difference ? "(parallel - reference) / reference simulated cycles" : "Simulated cycles to the guest's exit";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Workload"] is not string workload || benchmarkCase.Parameters["Mode"] is not string mode)
            {
                return "-";
            }

            ulong cycles = TimingRuns.Remembered(workload, Strands, mode).Cycles;
            if (!difference)
            {
                return cycles.ToString(CultureInfo.InvariantCulture);
            }

            ulong reference = TimingRuns.Remembered(workload, Strands, "t1-reference").Cycles;
            return reference == 0
                ? "-"
                : ((((double)cycles - reference) / reference) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
        }
    }
}
