using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;
using static Niagara.Hypervisor.MachineDescriptions.MdPropertyNames;

namespace Niagara.Hypervisor.Tests;

/// <summary>What the guest MD built from a configuration contains, read back from its bytes.</summary>
public class MachineDescriptionContentTests
{
    private static MachineDescription Parsed(MachineConfiguration config) =>
        MachineDescription.Parse(GuestMachineDescription.Build(config).ToBytes());

    private static readonly MachineConfiguration TwoByTwo = new()
    {
        Cores = 2,
        StrandsPerCore = 2,
        MemoryBase = 0x4000_0000,
        MemorySize = 512UL << 20,
        ClockFrequencyHz = 1_000_000_000,
        StickFrequencyHz = 100_000_000,
        Platform = new PlatformIdentity(HostId: 0x84AB_CDEF, SerialNumber: 4242, MacAddress: 0x0014_4F12_3456),
    };

    [Fact]
    public void Root_IsFirstWithResetReasonMaxCpusAndStick()
    {
        var md = Parsed(TwoByTwo);
        Assert.Equal("root", md.Root.Name);
        Assert.Equal(0, md.Root.ElementIndex);
        Assert.Single(md.FindNodes("root"));
        Assert.Equal(0UL, md.Root.GetValue(ResetReason));
        Assert.Equal(6UL, md.Root.GetValue(MaxCpusRoot));       // ids 0,1,4,5
        Assert.Equal(100_000_000UL, md.Root.GetValue(StickFrequency));
        Assert.Equal(new[] { "platform", "cpus", "memory", "virtual-devices" }, md.Root.Children.Select(n => n.Name));
    }

    [Fact]
    public void Platform_CarriesNameIdentityAndLimits()
    {
        var p = Assert.Single(Parsed(TwoByTwo).FindNodes("platform"));
        Assert.Equal("SUNW,Sun-Fire-T200", p.GetString(Name));
        Assert.Equal("Sun Fire T200", p.GetString(BannerName));
        Assert.Equal(100_000_000UL, p.GetValue(StickFrequency));
        Assert.Equal(0x84AB_CDEFUL, p.GetValue(HostId));
        Assert.Equal(4242UL, p.GetValue(SerialNumber));
        Assert.Equal(0x0014_4F12_3456UL, p.GetValue(MacAddress));
        Assert.Equal(6UL, p.GetValue(MaxCpus));
        Assert.InRange(p.GetValue(WatchdogResolution), 1UL, 1000UL);       // Linux sun4v_wdt limit
        Assert.True(p.GetValue(WatchdogMaxTimeout) >= 1000UL);
    }

    [Fact]
    public void CpuNodes_HaveT1IdsAndEveryPropertyGuestsRead()
    {
        var cpus = Parsed(TwoByTwo).FindNodes("cpu");
        Assert.Equal(new ulong[] { 0, 1, 4, 5 }, cpus.Select(c => c.GetValue(Id)));
        foreach (var cpu in cpus)
        {
            Assert.Equal(1_000_000_000UL, cpu.GetValue(ClockFrequency));
            Assert.Equal(MdTag.PropData, cpu.Find(Compatible)!.Tag);
            Assert.Equal(new[] { "SUNW,UltraSPARC-T1", "SUNW,sun4v-cpu", "sun4v" }, cpu.GetStrings(Compatible));
            Assert.Equal(MdTag.PropData, cpu.Find(IsaList)!.Tag);
            Assert.Equal("sparcv9+vis2", cpu.GetStrings(IsaList)[0]);
            Assert.Contains("sparcv9", cpu.GetStrings(IsaList));
            Assert.Equal(13UL, cpu.GetValue(MmuContextBits));
            Assert.Equal(48UL, cpu.GetValue(MmuVaBits));
            Assert.Equal(0x2bUL, cpu.GetValue(MmuPageSizeList));
            Assert.Equal(2UL, cpu.GetValue(MmuMaxTsbs));
            Assert.Equal(2UL, cpu.GetValue(MaxTsbEntries));
            Assert.Equal(7UL, cpu.GetValue(QueueCpuMondoBits));
            Assert.Equal(7UL, cpu.GetValue(QueueDevMondoBits));
            Assert.Equal(6UL, cpu.GetValue(QueueResumableBits));
            Assert.Equal(2UL, cpu.GetValue(QueueNonResumableBits));
            Assert.Contains("ASIBlkInit", cpu.GetStrings(HwcapList));
            Assert.DoesNotContain("popc", cpu.GetStrings(HwcapList));
            Assert.Equal(new[] { "tso" }, cpu.GetStrings(MemoryModelList));
            Assert.Equal("cpus", Assert.Single(cpu.Parents, n => n.Name == "cpus").Name);
        }
    }

    [Fact]
    public void QueueSizes_FitTheT1HypervisorRange()
    {
        var cpu = Parsed(TwoByTwo).FindNodes("cpu")[0];
        foreach (string q in new[] { QueueCpuMondoBits, QueueDevMondoBits, QueueResumableBits, QueueNonResumableBits })
            Assert.InRange(1UL << (int)cpu.GetValue(q), 2UL, 256UL);   // cpu_qconf: 2..256 entries on T1
    }

    [Fact]
    public void Caches_AreL1PerCoreSharedByItsStrands_AndOneSharedL2()
    {
        var md = Parsed(TwoByTwo);
        var caches = md.FindNodes("cache");
        Assert.Equal(5, caches.Count);   // L2 + 2 cores x (L1 I + L1 D)
        var l2 = Assert.Single(caches, c => c.GetValue(Level) == 2);
        Assert.Equal((3UL << 20, 64UL, 12UL), (l2.GetValue(Size), l2.GetValue(LineSize), l2.GetValue(Associativity)));
        Assert.Equal(new[] { "instn", "data" }, l2.GetStrings(MdPropertyNames.Type));
        Assert.Equal(4, l2.Parents.Count);

        var cpus = md.FindNodes("cpu");
        for (int core = 0; core < 2; core++)
        {
            var icache = Assert.Single(cpus[2 * core].Children, c => c.Name == "cache" && c.GetStrings(MdPropertyNames.Type)[0] == "instn");
            var dcache = Assert.Single(cpus[2 * core].Children, c => c.Name == "cache" && c.GetStrings(MdPropertyNames.Type)[0] == "data");
            Assert.Equal((1UL, 16UL << 10, 32UL, 4UL), (icache.GetValue(Level), icache.GetValue(Size), icache.GetValue(LineSize), icache.GetValue(Associativity)));
            Assert.Equal((1UL, 8UL << 10, 16UL, 4UL), (dcache.GetValue(Level), dcache.GetValue(Size), dcache.GetValue(LineSize), dcache.GetValue(Associativity)));
            Assert.Equal(new[] { cpus[2 * core], cpus[(2 * core) + 1] }, icache.Parents);
            Assert.Equal(new[] { cpus[2 * core], cpus[(2 * core) + 1] }, dcache.Parents);
            Assert.Same(l2, Assert.Single(icache.Children));
            Assert.Same(l2, Assert.Single(dcache.Children));
        }
    }

    [Fact]
    public void Memory_HasOneMblockWithTheConfiguredRange()
    {
        var memory = Assert.Single(Parsed(TwoByTwo).FindNodes("memory"));
        var mblock = Assert.Single(memory.Children);
        Assert.Equal("mblock", mblock.Name);
        Assert.Equal(0x4000_0000UL, mblock.GetValue(Base));
        Assert.Equal(512UL << 20, mblock.GetValue(Size));
    }

    [Fact]
    public void VirtualDevices_HoldTheConsoleAndRtc()
    {
        var vdevs = Assert.Single(Parsed(TwoByTwo).FindNodes("virtual-devices"));
        Assert.Equal(0x100UL, vdevs.GetValue(CfgHandle));
        var devices = vdevs.Children;
        Assert.Equal(new[] { "console", "rtc" }, devices.Select(d => d.GetString(Name)));
        Assert.All(devices, d => Assert.Equal("virtual-device", d.Name));
        var console = devices[0];
        Assert.Equal("console-virtual-device", console.GetString(FcodeDriverName));
        Assert.Equal(1UL, console.GetValue(CfgHandle));
        Assert.Equal(0x11UL, console.GetValue(Ino));
        Assert.Equal("qcn", console.GetString(Compatible));
        var rtc = devices[1];
        Assert.Equal("tod-virtual-device", rtc.GetString(FcodeDriverName));
        Assert.Equal("sun4v-tod", rtc.GetString(Compatible));
        Assert.Equal(3UL, rtc.GetValue(CfgHandle));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(8, 4)]
    public void EveryNode_IsReachableFromRootByFwdArcs_AndTheFwdGraphIsAcyclic(int cores, int perCore)
    {
        var md = Parsed(new MachineConfiguration { Cores = cores, StrandsPerCore = perCore });
        var state = new Dictionary<MdNode, int>();   // 1 = on the DFS stack, 2 = done
        void Visit(MdNode n)
        {
            state[n] = 1;
            foreach (var child in n.Children)
            {
                Assert.NotEqual(1, state.GetValueOrDefault(child));   // a fwd cycle
                if (!state.ContainsKey(child))
                    Visit(child);
            }
            state[n] = 2;
        }
        Visit(md.Root);
        Assert.Equal(md.Nodes.Count, state.Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 4)]
    public void EveryFwdArc_HasAMatchingBackArc_AndViceVersa(int cores, int perCore)
    {
        var md = Parsed(new MachineConfiguration { Cores = cores, StrandsPerCore = perCore });
        foreach (var node in md.Nodes)
        {
            foreach (var child in node.Children)
                Assert.Equal(child.Parents.Count(p => p == node), node.Children.Count(c => c == child));
            foreach (var parent in node.Parents)
                Assert.Contains(node, parent.Children);
            foreach (var p in node.Properties.Where(p => p.Tag == MdTag.PropArc))
                Assert.True(p.Name is "fwd" or "back");
        }
    }

    [Fact]
    public void RequiredByLinux_PlatformNodeAndCpuIdsAndClocksArePresent()
    {
        var md = Parsed(new MachineConfiguration { Cores = 8, StrandsPerCore = 4 });
        var platform = Assert.Single(md.FindNodes("platform"));
        Assert.True(platform.TryGetValue(StickFrequency, out _));
        Assert.Equal(32, md.FindNodes("cpu").Count);
        Assert.All(md.FindNodes("cpu"), c => Assert.True(c.TryGetValue(Id, out _) && c.TryGetValue(ClockFrequency, out _)));
        Assert.All(md.FindNodes("cache"), c => Assert.True(
            c.TryGetValue(Level, out _) && c.TryGetValue(Size, out _) && c.TryGetValue(LineSize, out _)));
    }

    [Fact]
    public void RequiredBySolaris_OneCpusPlatformAndMemoryUnderRoot()
    {
        var md = Parsed(TwoByTwo);
        Assert.Single(md.Root.Children, n => n.Name == "cpus");
        Assert.Single(md.Root.Children, n => n.Name == "platform");
        var memory = Assert.Single(md.Root.Children, n => n.Name == "memory");
        Assert.All(memory.Children, b => Assert.True(b.TryGetValue(Base, out _) && b.TryGetValue(Size, out ulong s) && s != 0));
        foreach (var cpu in md.FindNodes("cpu"))
        {
            Assert.NotEqual(0UL, cpu.GetValue(MmuPageSizeList));
            Assert.InRange(cpu.GetValue(MmuVaBits), 1UL, 64UL);
            Assert.InRange(cpu.GetValue(MmuContextBits), 13UL, 16UL);
        }
    }

    [Fact]
    public void InvalidConfiguration_BuildsNoDescription() =>
        Assert.Contains("strands-per-core",
            Assert.Throws<InvalidConfigurationException>(() => GuestMachineDescription.Build(new MachineConfiguration { StrandsPerCore = 5 })).Message,
            StringComparison.Ordinal);
}
