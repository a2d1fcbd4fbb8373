using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Niagara.Strands;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// Identity, time, limits and randomness. Like qemu-user, time, the CPU mask and sysinfo come
/// from the host (glibc's qsort sizes its buffer from sysinfo, so matching qemu matters);
/// randomness comes from the seeded <see cref="DeterministicRandom"/> so runs repeat exactly.
/// </summary>
public sealed partial class LinuxProcess
{
    private const ulong RlimInfinity = ulong.MaxValue;
    private const int RlimitCount = 16;
    private const int RlimitCore = 4;
    private const int RlimitStack = 3;
    private const int RlimitNofile = 6;
    private const int FutexWait = 0;
    private const int FutexWake = 1;
    private const int FutexRequeue = 3;
    private const int FutexCmpRequeue = 4;
    private const int FutexWakeOp = 5;
    private const int FutexWaitBitset = 9;
    private const int FutexWakeBitset = 10;
    private const int TimerAbsTime = 1;
    private const int UtsFieldLength = 65;

    private readonly (ulong Current, ulong Maximum)[] _limits = DefaultLimits();
    private ulong _clearChildTid;

    private static (ulong, ulong)[] DefaultLimits()
    {
        var limits = new (ulong, ulong)[RlimitCount];
        Array.Fill(limits, (RlimInfinity, RlimInfinity));
        limits[RlimitCore] = (0, RlimInfinity);
        limits[RlimitNofile] = ((ulong)FileTable.Limit, (ulong)FileTable.Limit);
        return limits;
    }

    private long SetTidAddress(ulong address)
    {
        _clearChildTid = address;
        return Pid;
    }

    /// <summary>struct new_utsname: six 65-byte strings; the host's names, but Linux on sparc64.</summary>
    private unsafe long Uname(ulong buffer)
    {
        byte[] uts = new byte[UtsFieldLength * 6];
        fixed (byte* u = uts)
        {
            if (HostLibc.Uname(u) < 0)
            {
                return HostError(HostLibc.LastErrno);
            }
        }

        SetField(uts, 0, "Linux");
        SetField(uts, 4, "sparc64");
        WriteGuest(buffer, uts);
        return 0;
    }

    private static void SetField(byte[] uts, int field, string value)
    {
        Span<byte> f = uts.AsSpan(field * UtsFieldLength, UtsFieldLength);
        f.Clear();
        Encoding.ASCII.GetBytes(value, f);
    }

    private unsafe long ClockGetTime(int clock, ulong timespec)
    {
        long* t = stackalloc long[2];
        if (HostLibc.ClockGetTime(clock, t) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        WriteU64(timespec, (ulong)t[0]);
        WriteU64(timespec + 8, (ulong)t[1]);
        return 0;
    }

    private unsafe long ClockGetRes(int clock, ulong timespec)
    {
        long* t = stackalloc long[2];
        if (HostLibc.ClockGetRes(clock, t) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        if (timespec != 0)
        {
            WriteU64(timespec, (ulong)t[0]);
            WriteU64(timespec + 8, (ulong)t[1]);
        }

        return 0;
    }

    /// <summary>sparc64's struct timeval has a 32-bit tv_usec (suseconds_t is int) at offset 8.</summary>
    private unsafe long GetTimeOfDay(ulong timeval, ulong timezone)
    {
        long* t = stackalloc long[2];
        HostLibc.ClockGetTime(0, t);
        if (timeval != 0)
        {
            WriteU64(timeval, (ulong)t[0]);
            WriteU32(timeval + 8, (uint)(t[1] / 1000));
        }

        if (timezone != 0)
        {
            WriteU64(timezone, 0);
        }

        return 0;
    }

    private long NanoSleep(ulong request) => ClockNanoSleep(1, 0, request);

    private unsafe long ClockNanoSleep(int clock, int flags, ulong request)
    {
        long seconds = (long)ReadU64(request), nanoseconds = (long)ReadU64(request + 8);
        if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000)
        {
            return -(long)Errno.EINVAL;
        }

        double wait = seconds + (nanoseconds / 1e9);
        if ((flags & TimerAbsTime) != 0)
        {
            long* now = stackalloc long[2];
            if (HostLibc.ClockGetTime(clock, now) < 0)
            {
                return HostError(HostLibc.LastErrno);
            }

            wait -= now[0] + (now[1] / 1e9);
        }

        if (wait > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds(wait));
        }

        return 0;
    }

    private long GetRandom(ulong buffer, ulong length)
    {
        int n = (int)Math.Min(length, 33554431); // the kernel's per-call maximum
        byte[] bytes = new byte[n];
        _random.Fill(bytes);
        WriteGuest(buffer, bytes);
        return n;
    }

    /// <summary>prlimit64/getrlimit/setrlimit: struct rlimit is { cur, max }; sparc numbers NOFILE 6, NPROC 7.</summary>
    private long Prlimit64(int pid, int resource, ulong newLimit, ulong oldLimit)
    {
        if (pid != 0 && pid != Pid)
        {
            return -(long)Errno.ESRCH;
        }

        if (resource is < 0 or >= RlimitCount)
        {
            return -(long)Errno.EINVAL;
        }

        (ulong cur, ulong max) = resource == RlimitStack
            ? (AddressSpaceLayout.PageAlignUp(_options.StackSize), RlimInfinity)
            : _limits[resource];
        if (oldLimit != 0)
        {
            WriteU64(oldLimit, cur);
            WriteU64(oldLimit + 8, max);
        }

        if (newLimit != 0)
        {
            ulong newCur = ReadU64(newLimit), newMax = ReadU64(newLimit + 8);
            if (newCur > newMax)
            {
                return -(long)Errno.EINVAL;
            }

            _limits[resource] = (newCur, newMax);
        }

        return 0;
    }

    /// <summary>The host's CPU mask, as qemu-user reports it; returns the bytes the kernel copies (one long per 64 CPUs).</summary>
    private unsafe long SchedGetAffinity(ulong length, ulong mask)
    {
        if (length < 8 || (length & 7) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        ulong* hostMask = stackalloc ulong[16];
        ulong word = 1;
        if (HostLibc.SchedGetAffinity(0, 128, (byte*)hostMask) == 0)
        {
            word = hostMask[0];
        }

        WriteU64(mask, word);
        return 8;
    }

    private long Futex(Strand s, SyscallArguments a, ulong pc)
    {
        int command = (int)a.A1 & 0x7f;
        ulong address = a.A0;
        switch (command)
        {
            case FutexWait:
            case FutexWaitBitset:
            {
                if ((address & 3) != 0)
                {
                    return -(long)Errno.EINVAL;
                }

                uint value = ReadU32(address);
                if (value != (uint)a.A2)
                {
                    return -(long)Errno.EAGAIN;
                }

                if (a.A3 != 0)
                {
                    return -(long)Errno.ETIMEDOUT;
                }

                Refuse(s, $"deadlock: futex wait at 0x{address:x} (value {value}) with no other thread to wake it, at pc 0x{pc:x}");
                return NoReturn;
            }

            case FutexWake:
            case FutexWakeBitset:
            case FutexWakeOp:
            case FutexRequeue:
                return 0;
            case FutexCmpRequeue:
                return ReadU32(address) != (uint)a.A5 ? -(long)Errno.EAGAIN : 0;
            default:
                return -(long)Errno.ENOSYS;
        }
    }

    /// <summary>times: struct tms of four clock_t (long) in USER_HZ ticks; returns ticks since an arbitrary point.</summary>
    private long Times(ulong buffer)
    {
        ulong user = (ulong)(Process.GetCurrentProcess().UserProcessorTime.TotalSeconds * InitialStack.ClockTicks);
        if (buffer != 0)
        {
            WriteU64(buffer, user);
            WriteU64(buffer + 8, 0);
            WriteU64(buffer + 16, 0);
            WriteU64(buffer + 24, 0);
        }

        return Environment.TickCount64 / (1000 / (long)InitialStack.ClockTicks);
    }

    /// <summary>getrusage: struct rusage is two sparc64 timevals (long sec, int usec) and 14 longs.</summary>
    private long GetRusage(ulong buffer)
    {
        byte[] usage = new byte[144];
        TimeSpan user = Process.GetCurrentProcess().UserProcessorTime;
        BinaryPrimitives.WriteInt64BigEndian(usage, (long)user.TotalSeconds);
        BinaryPrimitives.WriteInt32BigEndian(usage.AsSpan(8), (int)(user.Ticks % TimeSpan.TicksPerSecond / 10));
        WriteGuest(buffer, usage);
        return 0;
    }

    /// <summary>sysinfo: the host's, byte-swapped (struct sysinfo has one 64-bit layout: 112 bytes).</summary>
    private unsafe long SysInfo(ulong buffer)
    {
        byte* info = stackalloc byte[112];
        if (HostLibc.SysInfo(info) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        Span<byte> g = stackalloc byte[112];
        g.Clear();
        var h = new ReadOnlySpan<byte>(info, 112);
        for (int at = 0; at < 80; at += 8)
        {
            Put64(g, at, BinaryPrimitives.ReadUInt64LittleEndian(h[at..]));
        }

        BinaryPrimitives.WriteUInt16BigEndian(g[80..], BinaryPrimitives.ReadUInt16LittleEndian(h[80..]));
        Put64(g, 88, BinaryPrimitives.ReadUInt64LittleEndian(h[88..]));
        Put64(g, 96, BinaryPrimitives.ReadUInt64LittleEndian(h[96..]));
        Put32(g, 104, BinaryPrimitives.ReadUInt32LittleEndian(h[104..]));
        WriteGuest(buffer, g);
        return 0;
    }
}
