using Niagara.Hypervisor.Configuration;
using static Niagara.Hypervisor.MachineDescriptions.MdPropertyNames;

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// Builds a guest's machine description from a machine configuration, in a fixed node order so
/// the same configuration always gives the same bytes:
/// root; platform; cpus -> cpu per strand; the shared L2 cache; per core an L1 instruction and
/// an L1 data cache (each cpu of the core -> both, both -> the L2); memory -> mblock;
/// virtual-devices -> console, rtc.
/// Every "fwd" arc has its "back" arc. The cache DAG follows what guests walk: Linux reads L1
/// caches through a cpu's fwd arcs and the L2 through the L1's, and groups strands into cores by
/// the cpus a level-1 instruction cache points back to; illumos finds the L2 by scanning fwd
/// from each cpu.
/// </summary>
public static class GuestMachineDescription
{
    public static MachineDescription Build(MachineConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.EnsureValid();
        var md = new MachineDescription();
        ulong stick = config.EffectiveStickFrequencyHz;
        // Linux marks cpus 0..max-cpus-1 "possible" and ignores cpu nodes outside; T1 ids are
        // sparse (core*4 + strand), so the bound is one past the highest id, not the count.
        ulong maxCpus = (ulong)config.StrandIdLimit;

        var root = md.AddNode(MdNodeNames.Root)
            .AddValue(ResetReason, 0)          // power-on; OBP requires it (ref section 6)
            .AddValue(MaxCpusRoot, maxCpus)
            .AddValue(StickFrequency, stick);

        var platform = md.AddNode(MdNodeNames.Platform)
            .AddString(Name, UltraSparcT1Facts.PlatformName)
            .AddString(BannerName, UltraSparcT1Facts.BannerName)
            .AddValue(StickFrequency, stick)   // Linux reads it without a NULL check
            .AddValue(HostId, config.Platform.HostId)
            .AddValue(SerialNumber, config.Platform.SerialNumber)
            .AddValue(MacAddress, config.Platform.MacAddress)
            .AddValue(MaxCpus, maxCpus)
            .AddValue(WatchdogResolution, UltraSparcT1Facts.WatchdogResolutionMs)
            .AddValue(WatchdogMaxTimeout, UltraSparcT1Facts.WatchdogMaxTimeoutMs);
        md.Link(root, platform);

        AddCpus(md, root, config);
        AddMemory(md, root, config);
        AddVirtualDevices(md, root);
        return md;
    }

    /// <summary>The binary MD for <paramref name="config"/>, ready for mach_desc.</summary>
    public static MachineDescriptionImage BuildImage(MachineConfiguration config) =>
        new(Build(config).ToBytes());

    private static void AddCpus(MachineDescription md, MdNode root, MachineConfiguration config)
    {
        var cpusNode = md.AddNode(MdNodeNames.Cpus);
        md.Link(root, cpusNode);
        var cpus = new MdNode[config.Cores, config.StrandsPerCore];
        for (int core = 0; core < config.Cores; core++)
        {
            for (int strand = 0; strand < config.StrandsPerCore; strand++)
            {
                var cpu = AddCpu(md, T1Limits.StrandId(core, strand), config.ClockFrequencyHz);
                md.Link(cpusNode, cpu);
                cpus[core, strand] = cpu;
            }
        }

        var l2 = AddCache(md, UltraSparcT1Facts.L2);
        for (int core = 0; core < config.Cores; core++)
        {
            var icache = AddCache(md, UltraSparcT1Facts.L1Instruction);
            var dcache = AddCache(md, UltraSparcT1Facts.L1Data);
            for (int strand = 0; strand < config.StrandsPerCore; strand++)
            {
                md.Link(cpus[core, strand], icache);
                md.Link(cpus[core, strand], dcache);
            }
            md.Link(icache, l2);
            md.Link(dcache, l2);
        }
    }

    private static MdNode AddCpu(MachineDescription md, int id, ulong clock) =>
        md.AddNode(MdNodeNames.Cpu)
            .AddValue(Id, (ulong)id)
            .AddValue(ClockFrequency, clock)
            .AddStrings(Compatible, UltraSparcT1Facts.Compatible)
            .AddStrings(IsaList, UltraSparcT1Facts.IsaList)
            .AddValue(MmuContextBits, UltraSparcT1Facts.MmuContextBits)
            .AddValue(MmuVaBits, UltraSparcT1Facts.MmuVaBits)
            .AddValue(MmuPageSizeList, UltraSparcT1Facts.MmuPageSizeList)
            .AddValue(MmuMaxTsbs, UltraSparcT1Facts.MmuMaxTsbs)
            .AddValue(MaxTsbEntries, UltraSparcT1Facts.MmuMaxTsbs)   // the older name T1-era MDs used
            .AddValue(QueueCpuMondoBits, UltraSparcT1Facts.QueueCpuMondoBits)
            .AddValue(QueueDevMondoBits, UltraSparcT1Facts.QueueDevMondoBits)
            .AddValue(QueueResumableBits, UltraSparcT1Facts.QueueResumableBits)
            .AddValue(QueueNonResumableBits, UltraSparcT1Facts.QueueNonResumableBits)
            .AddStrings(HwcapList, UltraSparcT1Facts.HwcapList)
            .AddStrings(MemoryModelList, UltraSparcT1Facts.MemoryModelList);

    private static MdNode AddCache(MachineDescription md, CacheGeometry cache) =>
        md.AddNode(MdNodeNames.Cache)
            .AddValue(Level, (ulong)cache.Level)
            .AddStrings(MdPropertyNames.Type, cache.Type)
            .AddValue(Size, cache.Size)
            .AddValue(LineSize, cache.LineSize)
            .AddValue(Associativity, cache.Associativity);

    private static void AddMemory(MachineDescription md, MdNode root, MachineConfiguration config)
    {
        var memory = md.AddNode(MdNodeNames.Memory);
        md.Link(root, memory);
        var mblock = md.AddNode(MdNodeNames.MemoryBlock)
            .AddValue(Base, config.MemoryBase)
            .AddValue(Size, config.MemorySize);
        md.Link(memory, mblock);
    }

    private static void AddVirtualDevices(MachineDescription md, MdNode root)
    {
        var vdevs = md.AddNode(MdNodeNames.VirtualDevices)
            .AddString(Name, MdNodeNames.VirtualDevices)
            .AddValue(CfgHandle, UltraSparcT1Facts.VirtualDevicesCfgHandle);
        md.Link(root, vdevs);

        var console = md.AddNode(MdNodeNames.VirtualDevice)
            .AddString(Name, "console")
            .AddString(FcodeDriverName, UltraSparcT1Facts.ConsoleDriver)
            .AddValue(CfgHandle, UltraSparcT1Facts.ConsoleCfgHandle)
            .AddValue(Ino, UltraSparcT1Facts.ConsoleIno)
            .AddString(Compatible, UltraSparcT1Facts.ConsoleCompatible);
        md.Link(vdevs, console);

        var rtc = md.AddNode(MdNodeNames.VirtualDevice)
            .AddString(Name, "rtc")
            .AddString(FcodeDriverName, UltraSparcT1Facts.RtcDriver)
            .AddValue(CfgHandle, UltraSparcT1Facts.RtcCfgHandle)
            .AddValue(Ino, UltraSparcT1Facts.RtcIno)
            .AddString(Compatible, UltraSparcT1Facts.RtcCompatible);
        md.Link(vdevs, rtc);
    }
}
