namespace Niagara.Hypervisor.Linux;

/// <summary>
/// open/fcntl flags: sparc numbers them its own way (asm/fcntl.h), the host (x86-64) uses the
/// generic values. The access mode (O_RDONLY/O_WRONLY/O_RDWR, bits 0-1) is the same on both.
/// </summary>
public static class OpenFlags
{
    private const int AccessModeMask = 3;

    // (sparc64 guest, x86-64 host)
    private static readonly (int Guest, int Host)[] Pairs =
    [
        (0x0004, 0x0800),    // O_NDELAY -> O_NONBLOCK
        (0x0008, 0x0400),    // O_APPEND
        (0x0040, 0x2000),    // FASYNC
        (0x0200, 0x0040),    // O_CREAT
        (0x0400, 0x0200),    // O_TRUNC
        (0x0800, 0x0080),    // O_EXCL
        (0x2000, 0x1000),    // O_DSYNC
        (0x4000, 0x0800),    // O_NONBLOCK
        (0x8000, 0x0100),    // O_NOCTTY
        (0x10000, 0x10000),  // O_DIRECTORY
        (0x20000, 0x20000),  // O_NOFOLLOW
        (0x40000, 0x8000),   // O_LARGEFILE
        (0x100000, 0x4000),  // O_DIRECT
        (0x200000, 0x40000), // O_NOATIME
        (0x400000, 0x80000), // O_CLOEXEC
        (0x800000, 0x100000), // __O_SYNC
        (0x1000000, 0x200000), // O_PATH
        (0x2000000, 0x400000), // __O_TMPFILE
    ];

    public const int GuestCloexec = 0x400000;
    public const int GuestNonBlock = 0x4000;

    public static int ToHost(int guest)
    {
        int host = guest & AccessModeMask;
        foreach ((int g, int h) in Pairs)
        {
            if ((guest & g) != 0)
            {
                host |= h;
            }
        }

        return host;
    }

    public static int ToGuest(int host)
    {
        int guest = host & AccessModeMask;
        foreach ((int g, int h) in Pairs)
        {
            // O_NDELAY and O_NONBLOCK share the host bit; report it as O_NONBLOCK.
            if (g != 0x0004 && (host & h) != 0)
            {
                guest |= g;
            }
        }

        return guest;
    }
}
