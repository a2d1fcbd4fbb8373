using System.Runtime.InteropServices;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The host C library calls that the syscall layer forwards guest file operations to (a Linux
/// host, like qemu-user). Each returns -1 and leaves errno for <see cref="LastErrno"/> on failure.
/// Paths are NUL-terminated byte strings exactly as the guest wrote them.
/// </summary>
internal static unsafe partial class HostLibc
{
    private const string Libc = "libc";

    public const int AtFdCwd = -100;
    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxBasicStats = 0x7ff;
    public const int StatxSize = 256;

    public const int FGetFd = 1;
    public const int FSetFd = 2;
    public const int FGetFl = 3;
    public const int FSetFl = 4;
    public const int FDupFd = 0;
    public const int FDupFdCloexec = 1030;

    public const ulong TiocGWinSz = 0x5413;
    public const ulong TcGets = 0x5401;

    public static int LastErrno => Marshal.GetLastPInvokeError();

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, EntryPoint = "pread", SetLastError = true)]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Libc, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Libc, EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport(Libc, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport(Libc, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, long argument);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, byte* argument);

    [LibraryImport(Libc, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport(Libc, EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int dirfd, byte* path, byte* buffer, nuint size);

    [LibraryImport(Libc, EntryPoint = "faccessat", SetLastError = true)]
    public static partial int FAccessAt(int dirfd, byte* path, int mode, int flags);

    [LibraryImport(Libc, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int dirfd, byte* path, int flags);

    [LibraryImport(Libc, EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int MkdirAt(int dirfd, byte* path, uint mode);

    [LibraryImport(Libc, EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(int olddirfd, byte* oldpath, int newdirfd, byte* newpath);

    [LibraryImport(Libc, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport(Libc, EntryPoint = "getcwd", SetLastError = true)]
    public static partial byte* GetCwd(byte* buffer, nuint size);

    [LibraryImport(Libc, EntryPoint = "chdir", SetLastError = true)]
    public static partial int ChDir(byte* path);

    [LibraryImport(Libc, EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport(Libc, EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clock, long* timespec);

    [LibraryImport(Libc, EntryPoint = "clock_getres", SetLastError = true)]
    public static partial int ClockGetRes(int clock, long* timespec);

    [LibraryImport(Libc, EntryPoint = "getppid")]
    public static partial int GetPpid();

    [LibraryImport(Libc, EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport(Libc, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Libc, EntryPoint = "getgid")]
    public static partial uint GetGid();

    [LibraryImport(Libc, EntryPoint = "getegid")]
    public static partial uint GetEgid();

    /// <summary>struct utsname on Linux: six 65-byte fields.</summary>
    [LibraryImport(Libc, EntryPoint = "uname", SetLastError = true)]
    public static partial int Uname(byte* buffer);

    [LibraryImport(Libc, EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    /// <summary>struct sysinfo: the same 64-bit generic layout on every 64-bit Linux host.</summary>
    [LibraryImport(Libc, EntryPoint = "sysinfo", SetLastError = true)]
    public static partial int SysInfo(byte* buffer);

    [LibraryImport(Libc, EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetAffinity(int pid, nuint size, byte* mask);

    /// <summary>struct linux_dirent64 records (d_ino, d_off, d_reclen, d_type, d_name), one layout on every architecture.</summary>
    [LibraryImport(Libc, EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int fd, byte* buffer, nuint size);
}
