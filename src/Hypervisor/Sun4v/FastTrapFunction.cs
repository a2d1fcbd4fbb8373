namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// FAST_TRAP (`ta 0x80`) function numbers, passed in %o5 (sun4v reference section 2; Sun HV
/// hypervisor.h names). Only the functions this hypervisor serves are listed; every other
/// number returns EBADTRAP.
/// </summary>
public enum FastTrapFunction : ulong
{
    MACH_EXIT = 0x00,
    MACH_DESC = 0x01,
    MACH_SIR = 0x02,
    MACH_SET_WATCHDOG = 0x05,

    CPU_START = 0x10,
    CPU_STOP = 0x11,
    CPU_YIELD = 0x12,
    CPU_QCONF = 0x14,
    CPU_QINFO = 0x15,
    CPU_MYID = 0x16,
    CPU_STATE = 0x17,
    CPU_SET_RTBA = 0x18,
    CPU_GET_RTBA = 0x19,

    MEM_SCRUB = 0x31,
    MEM_SYNC = 0x32,

    CPU_MONDO_SEND = 0x42,

    TOD_GET = 0x50,
    TOD_SET = 0x51,

    CONS_GETCHAR = 0x60,
    CONS_PUTCHAR = 0x61,
    CONS_READ = 0x62,
    CONS_WRITE = 0x63,

    SOFT_STATE_SET = 0x70,
    SOFT_STATE_GET = 0x71,

    TTRACE_BUF_CONF = 0x90,
    TTRACE_BUF_INFO = 0x91,
    TTRACE_ENABLE = 0x92,
    TTRACE_FREEZE = 0x93,
    DUMP_BUF_UPDATE = 0x94,
    DUMP_BUF_INFO = 0x95,
}
