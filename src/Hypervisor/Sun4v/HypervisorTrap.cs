namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Software trap numbers (the `ta` operand) that reach the hypervisor (sun4v reference
/// section 1). A privileged `ta n` with n >= 0x80 traps with TT = 0x100 + n.
/// </summary>
public enum HypervisorTrap
{
    /// <summary>`ta 0x80`: %o5 holds the function number.</summary>
    FAST_TRAP = 0x80,

    /// <summary>`ta 0x83`: hyper-fast mmu_map_addr.</summary>
    MMU_MAP_ADDR = 0x83,

    /// <summary>`ta 0x84`: hyper-fast mmu_unmap_addr.</summary>
    MMU_UNMAP_ADDR = 0x84,

    /// <summary>`ta 0x85`: hyper-fast ttrace_addentry.</summary>
    TTRACE_ADDENTRY = 0x85,

    /// <summary>`ta 0xff`: unversioned core calls, function in %o5.</summary>
    CORE_TRAP = 0xff,
}

/// <summary>Function numbers of CORE_TRAP (`ta 0xff`); 4 and above return EBADTRAP.</summary>
public enum CoreTrapFunction : ulong
{
    API_SET_VERSION = 0x00,
    API_PUTCHAR = 0x01,
    API_EXIT = 0x02,
    API_GET_VERSION = 0x03,
}
