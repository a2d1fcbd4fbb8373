using System.Globalization;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>
/// Names the trace prints: hypercalls as the sun4v API names them ("cpu_mondo_send"), traps as
/// UA2005 table 12-4 names them ("cpu_mondo", "spill_2_normal"), software traps as the
/// instruction ("ta 0x80"), statuses as the spec's error names ("EWOULDBLOCK").
/// </summary>
public static class TraceNames
{
    /// <summary>The hypercall entered with `ta <paramref name="trapNumber"/>` and function <paramref name="function"/>.</summary>
    public static string Hypercall(int trapNumber, ulong function) => (HypervisorTrap)trapNumber switch
    {
        HypervisorTrap.FAST_TRAP when Enum.IsDefined((FastTrapFunction)function) => ((FastTrapFunction)function).ToString().ToLowerInvariant(),
        HypervisorTrap.FAST_TRAP => Hex("fast_trap ", function),
        HypervisorTrap.CORE_TRAP when Enum.IsDefined((CoreTrapFunction)function) => ((CoreTrapFunction)function).ToString().ToLowerInvariant(),
        HypervisorTrap.CORE_TRAP => Hex("core_trap ", function),
        HypervisorTrap.MMU_MAP_ADDR => "mmu_map_addr",
        HypervisorTrap.MMU_UNMAP_ADDR => "mmu_unmap_addr",
        HypervisorTrap.TTRACE_ADDENTRY => "ttrace_addentry",
        _ => Hex("ta ", (ulong)trapNumber),
    };

    /// <summary>A hypercall status: the spec's name for known codes, else the number.</summary>
    public static string Status(ulong status) =>
        Enum.IsDefined((HypervisorError)status)
            ? ((HypervisorError)status).ToString()
            : status.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a cross-call ended up: "handled", "delivered", "in_mailbox", "dropped".</summary>
    public static string Outcome(CrossCallStatus status) => status switch
    {
        CrossCallStatus.InMailbox => "in_mailbox",
        CrossCallStatus.Delivered => "delivered",
        CrossCallStatus.Handled => "handled",
        CrossCallStatus.Dropped => "dropped",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The UA2005 name of trap type <paramref name="tt"/>; `ta n` traps print as "ta 0xNN".</summary>
    public static string Trap(ushort tt) => tt switch
    {
        0x001 => "power_on_reset",
        0x002 => "watchdog_reset",
        0x003 => "externally_initiated_reset",
        0x004 => "software_initiated_reset",
        0x005 => "RED_state_exception",
        0x008 => "instruction_access_exception",
        0x009 => "instruction_access_MMU_miss",
        0x00A => "instruction_access_error",
        0x010 => "illegal_instruction",
        0x011 => "privileged_opcode",
        0x012 => "unimplemented_LDD",
        0x013 => "unimplemented_STD",
        0x020 => "fp_disabled",
        0x021 => "fp_exception_ieee_754",
        0x022 => "fp_exception_other",
        0x023 => "tag_overflow",
        0x024 => "clean_window",
        0x028 => "division_by_zero",
        0x030 => "data_access_exception",
        0x031 => "data_access_MMU_miss",
        0x032 => "data_access_error",
        0x034 => "mem_address_not_aligned",
        0x035 => "LDDF_mem_address_not_aligned",
        0x036 => "STDF_mem_address_not_aligned",
        0x037 => "privileged_action",
        0x03E => "instruction_real_translation_miss",
        0x03F => "data_real_translation_miss",
        >= 0x041 and <= 0x04F => "interrupt_level_" + (tt - 0x040).ToString(CultureInfo.InvariantCulture),
        0x064 => "fast_instruction_access_MMU_miss",
        0x068 => "fast_data_access_MMU_miss",
        0x06C => "fast_data_access_protection",
        0x07C => "cpu_mondo",
        0x07D => "dev_mondo",
        0x07E => "resumable_error",
        0x07F => "nonresumable_error",
        >= 0x080 and < 0x100 => WindowTrap(tt),
        >= 0x100 and < 0x200 => Hex("ta ", (ulong)(tt - 0x100)),
        _ => Hex("tt ", tt),
    };

    // UA2005 12.5: spill/fill vectors are 4 slots apart, n = WSTATE's normal or other field.
    private static string WindowTrap(ushort tt)
    {
        int offset = tt - 0x080;
        string kind = offset < 0x40 ? "spill_" : "fill_";
        string other = (offset & 0x20) != 0 ? "_other" : "_normal";
        return kind + ((offset & 0x1F) / 4).ToString(CultureInfo.InvariantCulture) + other;
    }

    private static string Hex(string prefix, ulong value) => prefix + "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
