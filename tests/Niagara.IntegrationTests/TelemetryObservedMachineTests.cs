using Akka.Dispatch;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;
using Niagara.Telemetry;

namespace Niagara.IntegrationTests;

/// <summary><see cref="ObservedMachine"/>'s busy time goes to the host thread that ran the strand, wherever the strand's core is at home.</summary>
public sealed class TelemetryObservedMachineTests
{
    private static ObservedMachine Observe(int hostThreads)
    {
        MachineConfiguration config = ChipLayout.Parse("1", null);
        GuestImage image = GuestImageLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "guest", "bin", "hello.elf")), config);
        var machine = new Sun4vMachine(config, image.Segments, new TextWriterConsole(TextWriter.Null));
        return new ObservedMachine(machine, machine, hostThreads, onBoundary: null);
    }

    [Fact]
    public void RunStrand_OnAPoolThread_CountsForThatThreadOnly()
    {
        ObservedMachine observed = Observe(hostThreads: 2);
        using var pool = new HostThreadPool(2, "test-");
        using var done = new ManualResetEventSlim();
        int ranOn = -1;
        pool.CreateLane(1).Execute(new ActionRunnable(() =>
        {
            ranOn = HostThreadPool.CurrentThread;
            observed.RunStrand(0, 20_000);
            done.Set();
        }));

        Assert.True(done.Wait(TimeSpan.FromSeconds(60)));
        Assert.InRange(ranOn, 0, 1);
        Assert.True(observed.BusyTime(ranOn) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, observed.BusyTime(1 - ranOn));
    }

    [Fact]
    public void RunStrand_OffThePool_CountsForThreadZero()
    {
        ObservedMachine observed = Observe(hostThreads: 2);

        observed.RunStrand(0, 20_000);

        Assert.True(observed.BusyTime(0) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, observed.BusyTime(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => observed.BusyTime(2));
    }
}
