using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
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
            AddJob(BenchmarkJobs.AsTheCli(Job.ShortRun.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)));
            AddColumn(StatisticColumn.Median);
            AddColumn(new MipsColumn(
                "Guest instructions (of this very mode: spinning differs between modes) per microsecond of mean time, one host thread",
                Instructions));
            AddColumn(new MipsColumn("The same per microsecond of median time", Instructions, median: true));
        }

        private static ulong? Instructions(BenchmarkCase c) =>
            c.Parameters["Workload"] is string workload && c.Parameters["Mode"] is string mode ? TimingRuns.Remembered(workload, 32, mode).Instructions : null;
    }
}
