namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// API groups that api_set_version negotiates (sun4v reference section 1, "Groups offered by
/// the T1 HV"). Groups of later CPUs (RNG, ATU, N2 ...) are unknown here, as on a T1.
/// </summary>
public enum ApiGroup : ulong
{
    SUN4V = 0x000,
    CORE = 0x001,
    INTR = 0x002,
    SOFTSTATE = 0x003,
    PCI = 0x100,
    LDC = 0x101,
    SVC = 0x102,
    NCS = 0x103,
    NIAGARA = 0x200,
    FIRE = 0x201,
    DIAG = 0x300,
}
