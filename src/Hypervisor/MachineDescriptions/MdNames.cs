namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>Node names guests look up (Linux mdesc_node_by_name, illumos md_scan_dag).</summary>
public static class MdNodeNames
{
    public const string Root = "root";
    public const string Platform = "platform";
    public const string Cpus = "cpus";
    public const string Cpu = "cpu";
    public const string Cache = "cache";
    public const string Memory = "memory";
    public const string MemoryBlock = "mblock";
    public const string VirtualDevices = "virtual-devices";
    public const string VirtualDevice = "virtual-device";
}

/// <summary>Property names, spelled exactly as guests look them up.</summary>
public static class MdPropertyNames
{
    // root
    public const string ResetReason = "reset-reason";
    public const string MaxCpusRoot = "max-#cpus";
    public const string StickFrequency = "stick-frequency";

    // platform
    public const string Name = "name";
    public const string BannerName = "banner-name";
    public const string HostId = "hostid";
    public const string SerialNumber = "serial#";
    public const string MacAddress = "mac-address";
    public const string MaxCpus = "max-cpus";
    public const string WatchdogResolution = "watchdog-resolution";
    public const string WatchdogMaxTimeout = "watchdog-max-timeout";

    // cpu
    public const string Id = "id";
    public const string ClockFrequency = "clock-frequency";
    public const string Compatible = "compatible";
    public const string IsaList = "isalist";
    public const string MmuContextBits = "mmu-#context-bits";
    public const string MmuVaBits = "mmu-#va-bits";
    public const string MmuPageSizeList = "mmu-page-size-list";
    public const string MmuMaxTsbs = "mmu-max-#tsbs";
    public const string MaxTsbEntries = "max-#tsb-entries";
    public const string QueueCpuMondoBits = "q-cpu-mondo-#bits";
    public const string QueueDevMondoBits = "q-dev-mondo-#bits";
    public const string QueueResumableBits = "q-resumable-#bits";
    public const string QueueNonResumableBits = "q-nonresumable-#bits";
    public const string HwcapList = "hwcap-list";
    public const string MemoryModelList = "memory-model-list";

    // cache
    public const string Level = "level";
    public const string Size = "size";
    public const string LineSize = "line-size";
    public const string Type = "type";
    public const string Associativity = "associativity";

    // mblock
    public const string Base = "base";

    // virtual devices
    public const string CfgHandle = "cfg-handle";
    public const string FcodeDriverName = "fcode-driver-name";
    public const string Ino = "ino";
}
