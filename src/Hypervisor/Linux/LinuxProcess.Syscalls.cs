using Niagara.Memory;
using Niagara.Strands;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The system call entry: `ta 0x6d` with the number in %g1 and arguments in %o0-%o5. The
/// result goes to %o0; failure sets the carry in both icc and xcc and returns the positive
/// errno, success clears both carries (arch/sparc/kernel/syscalls.S, ret_sys_call). Execution
/// resumes after the trap instruction.
/// </summary>
public sealed partial class LinuxProcess
{
    /// <summary>A handler's result when it ended the process or set the registers itself.</summary>
    private const long NoReturn = long.MinValue;

    private const byte CarryBoth = 0x11;

    /// <summary>When set, every system call is written here as "name(args) = result" (--strace).</summary>
    public TextWriter? SyscallTrace { get; set; }

    /// <summary>
    /// Calls answered ENOSYS, as a kernel without them would; glibc copes with each:
    /// set_robust_list/get_robust_list (qemu-user answers ENOSYS too; only needed for robust
    /// mutexes across threads), rseq (glibc then leaves restartable sequences off), clone3 (435,
    /// never wired up on sparc: glibc falls back to clone), membarrier, io_uring_setup,
    /// pidfd_open, faccessat2 (glibc falls back to faccessat), close_range and openat2.
    /// Any other call that is not implemented stops the run.
    /// </summary>
    public static readonly IReadOnlySet<long> AnsweredEnosys = new HashSet<long>
    {
        (long)LinuxSyscall.set_robust_list,
        (long)LinuxSyscall.get_robust_list,
        (long)LinuxSyscall.rseq,
        435, // clone3
        (long)LinuxSyscall.membarrier,
        (long)LinuxSyscall.io_uring_setup,
        (long)LinuxSyscall.pidfd_open,
        (long)LinuxSyscall.faccessat2,
        (long)LinuxSyscall.close_range,
        (long)LinuxSyscall.openat2,
    };

    private void Syscall(Strand s, ulong trapPc, ulong trapNpc)
    {
        long number = (long)s.GetRegister(1);
        var a = new SyscallArguments(s.GetRegister(8), s.GetRegister(9), s.GetRegister(10), s.GetRegister(11), s.GetRegister(12), s.GetRegister(13));
        long result;
        try
        {
            result = Dispatch(s, number, a, trapPc);
        }
        catch (MemoryFaultException)
        {
            result = -(long)Errno.EFAULT;
        }

        if (SyscallTrace is { } trace)
        {
            string name = NameOf(number) ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string outcome = s.Halted is not null || result == NoReturn ? "?" : result is < 0 and >= -4095 ? $"-1 {(Errno)(int)-result}" : $"0x{result:x}";
            trace.WriteLine($"{name}(0x{a.A0:x}, 0x{a.A1:x}, 0x{a.A2:x}, 0x{a.A3:x}, 0x{a.A4:x}, 0x{a.A5:x}) = {outcome}");
        }

        if (s.Halted is not null || result == NoReturn)
        {
            return;
        }

        Return(s, result);
        s.Pc = trapNpc;
        s.Npc = trapNpc + 4;
    }

    /// <summary>Puts a result in %o0 with the carry convention: -1..-4095 are errors.</summary>
    private static void Return(Strand s, long result)
    {
        if (result is < 0 and >= -4095)
        {
            s.SetRegister(8, (ulong)(-result));
            s.Ccr |= CarryBoth;
        }
        else
        {
            s.SetRegister(8, (ulong)result);
            s.Ccr &= unchecked((byte)~CarryBoth);
        }
    }

    private long Dispatch(Strand s, long number, SyscallArguments a, ulong pc)
    {
        switch ((LinuxSyscall)number)
        {
            case LinuxSyscall.exit:
            case LinuxSyscall.exit_group:
                Terminate(s, (int)a.A0);
                return NoReturn;

            // Files (LinuxProcess.Files.cs).
            case LinuxSyscall.read: return Read((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.write: return Write((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.pread64: return PRead((int)a.A0, a.A1, a.A2, (long)a.A3);
            case LinuxSyscall.pwrite64: return PWrite((int)a.A0, a.A1, a.A2, (long)a.A3);
            case LinuxSyscall.readv: return ReadV((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.writev: return WriteV((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.open: return OpenAt(HostLibc.AtFdCwd, a.A0, (int)a.A1, (uint)a.A2);
            case LinuxSyscall.openat: return OpenAt((int)a.A0, a.A1, (int)a.A2, (uint)a.A3);
            case LinuxSyscall.creat: return OpenAt(HostLibc.AtFdCwd, a.A0, 0x1 | 0x200 | 0x400, (uint)a.A1);
            case LinuxSyscall.close: return Close((int)a.A0);
            case LinuxSyscall.lseek: return LSeek((int)a.A0, (long)a.A1, (int)a.A2);
            case LinuxSyscall.dup: return Dup((int)a.A0);
            case LinuxSyscall.dup2: return Dup3((int)a.A0, (int)a.A1, 0, allowSame: true);
            case LinuxSyscall.dup3: return Dup3((int)a.A0, (int)a.A1, (int)a.A2, allowSame: false);
            case LinuxSyscall.pipe2: return Pipe2(a.A0, (int)a.A1);
            case LinuxSyscall.pipe: return Pipe(s);
            case LinuxSyscall.fcntl: return Fcntl((int)a.A0, (int)a.A1, a.A2);
            case LinuxSyscall.ioctl: return Ioctl((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.fstat: return StatAt((int)a.A0, 0, HostLibc.AtEmptyPath, a.A1, StatLayout.Stat);
            case LinuxSyscall.fstat64: return StatAt((int)a.A0, 0, HostLibc.AtEmptyPath, a.A1, StatLayout.Stat64);
            case LinuxSyscall.stat: return StatAt(HostLibc.AtFdCwd, a.A0, 0, a.A1, StatLayout.Stat);
            case LinuxSyscall.lstat: return StatAt(HostLibc.AtFdCwd, a.A0, HostLibc.AtSymlinkNoFollow, a.A1, StatLayout.Stat);
            case LinuxSyscall.stat64: return StatAt(HostLibc.AtFdCwd, a.A0, 0, a.A1, StatLayout.Stat64);
            case LinuxSyscall.lstat64: return StatAt(HostLibc.AtFdCwd, a.A0, HostLibc.AtSymlinkNoFollow, a.A1, StatLayout.Stat64);
            case LinuxSyscall.fstatat64: return StatAt((int)a.A0, a.A1, (int)a.A3, a.A2, StatLayout.Stat64);
            case LinuxSyscall.statx: return Statx((int)a.A0, a.A1, (int)a.A2, (uint)a.A3, a.A4);
            case LinuxSyscall.readlink: return ReadLinkAt(HostLibc.AtFdCwd, a.A0, a.A1, a.A2);
            case LinuxSyscall.readlinkat: return ReadLinkAt((int)a.A0, a.A1, a.A2, a.A3);
            case LinuxSyscall.access: return FAccessAt(HostLibc.AtFdCwd, a.A0, (int)a.A1);
            case LinuxSyscall.faccessat: return FAccessAt((int)a.A0, a.A1, (int)a.A2);
            case LinuxSyscall.getcwd: return GetCwd(a.A0, a.A1);
            case LinuxSyscall.getdents64: return GetDents64((int)a.A0, a.A1, a.A2);
            case LinuxSyscall.chdir: return ChDir(a.A0);
            case LinuxSyscall.unlink: return UnlinkAt(HostLibc.AtFdCwd, a.A0, 0);
            case LinuxSyscall.unlinkat: return UnlinkAt((int)a.A0, a.A1, (int)a.A2);
            case LinuxSyscall.mkdir: return MkdirAt(HostLibc.AtFdCwd, a.A0, (uint)a.A1);
            case LinuxSyscall.mkdirat: return MkdirAt((int)a.A0, a.A1, (uint)a.A2);
            case LinuxSyscall.rmdir: return UnlinkAt(HostLibc.AtFdCwd, a.A0, 0x200);
            case LinuxSyscall.rename: return RenameAt(HostLibc.AtFdCwd, a.A0, HostLibc.AtFdCwd, a.A1);
            case LinuxSyscall.renameat: return RenameAt((int)a.A0, a.A1, (int)a.A2, a.A3);
            case LinuxSyscall.ftruncate: return FTruncate((int)a.A0, (long)a.A1);
            case LinuxSyscall.fsync:
            case LinuxSyscall.fdatasync: return FSync((int)a.A0);
            case LinuxSyscall.umask: return HostLibc.Umask((uint)a.A0 & 0x1ff);

            // Memory (LinuxProcess.MemoryCalls.cs).
            case LinuxSyscall.brk: return Brk(s, a.A0);
            case LinuxSyscall.mmap: return Mmap(s, a.A0, a.A1, (int)a.A2, (int)a.A3, (int)a.A4, (long)a.A5);
            case LinuxSyscall.munmap: return Munmap(s, a.A0, a.A1);
            case LinuxSyscall.mprotect: return Mprotect(s, a.A0, a.A1, (int)a.A2);
            case LinuxSyscall.mremap: return Mremap(s, a.A0, a.A1, a.A2, (int)a.A3, a.A4);
            case LinuxSyscall.madvise: return Madvise(s, a.A0, a.A1, (int)a.A2);
            case LinuxSyscall.getpagesize: return (long)AddressSpaceLayout.PageSize;

            // Process information, time, randomness (LinuxProcess.Info.cs).
            case LinuxSyscall.getpid: return Pid;
            case LinuxSyscall.gettid: return Pid;
            case LinuxSyscall.getppid: return HostLibc.GetPpid();
            case LinuxSyscall.getuid: return HostLibc.GetUid();
            case LinuxSyscall.geteuid: return HostLibc.GetEuid();
            case LinuxSyscall.getgid: return HostLibc.GetGid();
            case LinuxSyscall.getegid: return HostLibc.GetEgid();
            case LinuxSyscall.set_tid_address: return SetTidAddress(a.A0);
            case LinuxSyscall.uname: return Uname(a.A0);
            case LinuxSyscall.clock_gettime: return ClockGetTime((int)a.A0, a.A1);
            case LinuxSyscall.clock_getres: return ClockGetRes((int)a.A0, a.A1);
            case LinuxSyscall.gettimeofday: return GetTimeOfDay(a.A0, a.A1);
            case LinuxSyscall.nanosleep: return NanoSleep(a.A0);
            case LinuxSyscall.clock_nanosleep: return ClockNanoSleep((int)a.A0, (int)a.A1, a.A2);
            case LinuxSyscall.getrandom: return GetRandom(a.A0, a.A1);
            case LinuxSyscall.prlimit64: return Prlimit64((int)a.A0, (int)a.A1, a.A2, a.A3);
            case LinuxSyscall.getrlimit: return Prlimit64(0, (int)a.A0, 0, a.A1);
            case LinuxSyscall.setrlimit: return Prlimit64(0, (int)a.A0, a.A1, 0);
            case LinuxSyscall.sched_getaffinity: return SchedGetAffinity(a.A1, a.A2);
            case LinuxSyscall.sched_yield: return 0;
            case LinuxSyscall.futex: return Futex(s, a, pc);
            case LinuxSyscall.times: return Times(a.A0);
            case LinuxSyscall.getrusage: return GetRusage(a.A1);
            case LinuxSyscall.sysinfo: return SysInfo(a.A0);

            // Signals (LinuxProcess.Signals.cs).
            case LinuxSyscall.rt_sigaction: return RtSigaction((long)a.A0, a.A1, a.A2, a.A3, a.A4);
            case LinuxSyscall.rt_sigprocmask: return RtSigprocmask(s, (long)a.A0, a.A1, a.A2, a.A3, pc);
            case LinuxSyscall.sigaltstack: return SigAltStack(a.A0, a.A1);
            case LinuxSyscall.kill: return IsSelf((long)a.A0) ? SendSelf(s, (GuestSignal)(int)a.A1, pc) : -(long)Errno.ESRCH;
            case LinuxSyscall.tkill: return IsSelf((long)a.A0) ? SendSelf(s, (GuestSignal)(int)a.A1, pc) : -(long)Errno.ESRCH;
            case LinuxSyscall.tgkill: return IsSelf((long)a.A0) && IsSelf((long)a.A1) ? SendSelf(s, (GuestSignal)(int)a.A2, pc) : -(long)Errno.ESRCH;
        }

        if (AnsweredEnosys.Contains(number))
        {
            return -(long)Errno.ENOSYS;
        }

        string name = NameOf(number) is { } known ? $" ({known})" : "";
        Refuse(s, $"unimplemented syscall {number}{name} at pc 0x{pc:x}");
        return NoReturn;
    }

    private bool IsSelf(long pid) => pid == 0 || pid == Pid;

    /// <summary>The kernel's name for syscall <paramref name="number"/>, or null.</summary>
    private static string? NameOf(long number) =>
        number is >= 0 and <= int.MaxValue && Enum.IsDefined((LinuxSyscall)(int)number) ? ((LinuxSyscall)(int)number).ToString() : null;
}

/// <summary>The six argument registers %o0-%o5 of a system call.</summary>
internal readonly record struct SyscallArguments(ulong A0, ulong A1, ulong A2, ulong A3, ulong A4, ulong A5);
