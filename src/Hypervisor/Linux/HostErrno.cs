namespace Niagara.Hypervisor.Linux;

/// <summary>
/// Translates host errno values (the generic Linux table that x86-64 and arm64 hosts use) into
/// the sparc64 guest's <see cref="Errno"/>, like qemu-user's host_to_target_errno.
/// </summary>
public static class HostErrno
{
    private static readonly Errno[] Table =
    [
        Errno.None, // 0
        Errno.EPERM, // 1
        Errno.ENOENT, // 2
        Errno.ESRCH, // 3
        Errno.EINTR, // 4
        Errno.EIO, // 5
        Errno.ENXIO, // 6
        Errno.E2BIG, // 7
        Errno.ENOEXEC, // 8
        Errno.EBADF, // 9
        Errno.ECHILD, // 10
        Errno.EAGAIN, // 11
        Errno.ENOMEM, // 12
        Errno.EACCES, // 13
        Errno.EFAULT, // 14
        Errno.ENOTBLK, // 15
        Errno.EBUSY, // 16
        Errno.EEXIST, // 17
        Errno.EXDEV, // 18
        Errno.ENODEV, // 19
        Errno.ENOTDIR, // 20
        Errno.EISDIR, // 21
        Errno.EINVAL, // 22
        Errno.ENFILE, // 23
        Errno.EMFILE, // 24
        Errno.ENOTTY, // 25
        Errno.ETXTBSY, // 26
        Errno.EFBIG, // 27
        Errno.ENOSPC, // 28
        Errno.ESPIPE, // 29
        Errno.EROFS, // 30
        Errno.EMLINK, // 31
        Errno.EPIPE, // 32
        Errno.EDOM, // 33
        Errno.ERANGE, // 34
        Errno.EDEADLK, // 35
        Errno.ENAMETOOLONG, // 36
        Errno.ENOLCK, // 37
        Errno.ENOSYS, // 38
        Errno.ENOTEMPTY, // 39
        Errno.ELOOP, // 40
        Errno.None, // 41
        Errno.ENOMSG, // 42
        Errno.EIDRM, // 43
        Errno.ECHRNG, // 44
        Errno.EL2NSYNC, // 45
        Errno.EL3HLT, // 46
        Errno.EL3RST, // 47
        Errno.ELNRNG, // 48
        Errno.EUNATCH, // 49
        Errno.ENOCSI, // 50
        Errno.EL2HLT, // 51
        Errno.EBADE, // 52
        Errno.EBADR, // 53
        Errno.EXFULL, // 54
        Errno.ENOANO, // 55
        Errno.EBADRQC, // 56
        Errno.EBADSLT, // 57
        Errno.None, // 58
        Errno.EBFONT, // 59
        Errno.ENOSTR, // 60
        Errno.ENODATA, // 61
        Errno.ETIME, // 62
        Errno.ENOSR, // 63
        Errno.ENONET, // 64
        Errno.ENOPKG, // 65
        Errno.EREMOTE, // 66
        Errno.ENOLINK, // 67
        Errno.EADV, // 68
        Errno.ESRMNT, // 69
        Errno.ECOMM, // 70
        Errno.EPROTO, // 71
        Errno.EMULTIHOP, // 72
        Errno.EDOTDOT, // 73
        Errno.EBADMSG, // 74
        Errno.EOVERFLOW, // 75
        Errno.ENOTUNIQ, // 76
        Errno.EBADFD, // 77
        Errno.EREMCHG, // 78
        Errno.ELIBACC, // 79
        Errno.ELIBBAD, // 80
        Errno.ELIBSCN, // 81
        Errno.ELIBMAX, // 82
        Errno.ELIBEXEC, // 83
        Errno.EILSEQ, // 84
        Errno.ERESTART, // 85
        Errno.ESTRPIPE, // 86
        Errno.EUSERS, // 87
        Errno.ENOTSOCK, // 88
        Errno.EDESTADDRREQ, // 89
        Errno.EMSGSIZE, // 90
        Errno.EPROTOTYPE, // 91
        Errno.ENOPROTOOPT, // 92
        Errno.EPROTONOSUPPORT, // 93
        Errno.ESOCKTNOSUPPORT, // 94
        Errno.EOPNOTSUPP, // 95
        Errno.EPFNOSUPPORT, // 96
        Errno.EAFNOSUPPORT, // 97
        Errno.EADDRINUSE, // 98
        Errno.EADDRNOTAVAIL, // 99
        Errno.ENETDOWN, // 100
        Errno.ENETUNREACH, // 101
        Errno.ENETRESET, // 102
        Errno.ECONNABORTED, // 103
        Errno.ECONNRESET, // 104
        Errno.ENOBUFS, // 105
        Errno.EISCONN, // 106
        Errno.ENOTCONN, // 107
        Errno.ESHUTDOWN, // 108
        Errno.ETOOMANYREFS, // 109
        Errno.ETIMEDOUT, // 110
        Errno.ECONNREFUSED, // 111
        Errno.EHOSTDOWN, // 112
        Errno.EHOSTUNREACH, // 113
        Errno.EALREADY, // 114
        Errno.EINPROGRESS, // 115
        Errno.ESTALE, // 116
        Errno.EUCLEAN, // 117
        Errno.ENOTNAM, // 118
        Errno.ENAVAIL, // 119
        Errno.EISNAM, // 120
        Errno.EREMOTEIO, // 121
        Errno.EDQUOT, // 122
        Errno.ENOMEDIUM, // 123
        Errno.EMEDIUMTYPE, // 124
        Errno.ECANCELED, // 125
        Errno.ENOKEY, // 126
        Errno.EKEYEXPIRED, // 127
        Errno.EKEYREVOKED, // 128
        Errno.EKEYREJECTED, // 129
        Errno.EOWNERDEAD, // 130
        Errno.ENOTRECOVERABLE, // 131
        Errno.ERFKILL, // 132
        Errno.EHWPOISON, // 133
    ];

    /// <summary>The guest errno for host errno <paramref name="hostErrno"/>; unknown values become EINVAL.</summary>
    public static Errno ToGuest(int hostErrno) =>
        hostErrno > 0 && hostErrno < Table.Length && Table[hostErrno] != Errno.None ? Table[hostErrno] : Errno.EINVAL;
}
