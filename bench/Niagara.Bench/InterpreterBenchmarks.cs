using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Niagara.Bench;

/// <summary>
/// Issue 2's speed target: simulated MIPS of one strand in process mode on CPU-bound integer
/// programs, with qemu-sparc64 (a JIT) on the same binary beside it. The MIPS column divides
/// the guest's instruction count (ours equals qemu's plugin count) by the mean time.
/// </summary>
[Config(typeof(Config))]
public class InterpreterBenchmarks
{
    private byte[] _binary = [];
    private string _path = "";

    [Params("crc32", "sieve", "matmul", "mixed")]
    public string Kernel { get; set; } = "crc32";

    [GlobalSetup]
    public void Setup()
    {
        _path = GuestKernels.Binary(Kernel);
        _binary = File.ReadAllBytes(_path);
    }

    /// <summary>The interpreter: load, run to exit.</summary>
    [Benchmark(Baseline = true)]
    public ulong Niagara() => ProcessRun.Execute(_binary, _path, GuestKernels.Arguments[Kernel]);

    /// <summary>qemu-sparc64 on the same program (includes qemu's start-up, ~20-40 ms).</summary>
    [Benchmark]
    public int Qemu()
    {
        var psi = new ProcessStartInfo("qemu-sparc64", ["-cpu", "Sun-UltraSparc-T1", _path, GuestKernels.Arguments[Kernel]])
        {
            RedirectStandardOutput = true,
        };
        using System.Diagnostics.Process qemu = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("cannot start qemu-sparc64");
        qemu.StandardOutput.ReadToEnd();
        qemu.WaitForExit();
        return qemu.ExitCode;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(BenchmarkJobs.AsTheCli(Job.ShortRun.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)));
            AddColumn(new MipsColumn(
                "Guest instructions per microsecond of mean run time (the interpreter's count, equal to qemu's plugin count)",
                c => c.Parameters["Kernel"] is string kernel ? ProcessRun.Execute(File.ReadAllBytes(GuestKernels.Binary(kernel)), GuestKernels.Binary(kernel), GuestKernels.Arguments[kernel]) : null));
        }
    }
}
