namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Hypervisor call status codes, returned in %o0 (sun4v reference section 2; Sun HV
/// hypervisor.h). Named exactly like the spec so traces print the names guests know.
/// 17 EBUSY and 23 EUNAVAILABLE are not in the T1 hypervisor and never returned.
/// </summary>
public enum HypervisorError : ulong
{
    EOK = 0,
    ENOCPU = 1,
    ENORADDR = 2,
    ENOINTR = 3,
    EBADPGSZ = 4,
    EBADTSB = 5,
    EINVAL = 6,
    EBADTRAP = 7,
    EBADALIGN = 8,
    EWOULDBLOCK = 9,
    ENOACCESS = 10,
    EIO = 11,
    ECPUERROR = 12,
    ENOTSUPPORTED = 13,
    ENOMAP = 14,
    ETOOMANY = 15,
    ECHANNEL = 16,
}
