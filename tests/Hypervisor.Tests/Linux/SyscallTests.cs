using Niagara.Hypervisor.Linux;
using Niagara.Memory;

namespace Niagara.Hypervisor.Tests.Linux;

public sealed class SyscallTests
{
    private static GuestHarness Guest() => new([Words.Syscall, Words.Nop]);

    [Fact]
    public void Syscall_Failure_SetsBothCarriesAndReturnsPositiveErrno()
    {
        var g = Guest().Syscall(LinuxSyscall.close, 999);
        Assert.Equal((ulong)Errno.EBADF, g.O0);
        Assert.Equal((true, true), g.Carry);
    }

    [Fact]
    public void Syscall_Success_ClearsBothCarries()
    {
        var g = Guest();
        g.Strand.Ccr = 0xff;
        g.Syscall(LinuxSyscall.getpid);
        Assert.Equal((ulong)g.Process.Pid, g.O0);
        Assert.Equal((false, false), g.Carry);
        Assert.Equal(0xee, g.Strand.Ccr);
    }

    [Fact]
    public void Syscall_Return_ResumesAfterTheTrap()
    {
        var g = Guest().Syscall(LinuxSyscall.getpid);
        Assert.Equal(GuestHarness.CodeBase + 4, g.Strand.Pc);
        Assert.Equal(GuestHarness.CodeBase + 8, g.Strand.Npc);
    }

    [Fact]
    public void Syscall_BadPointer_ReturnsEfault()
    {
        var g = Guest().Syscall(LinuxSyscall.uname, 0x10);
        Assert.Equal((ulong)Errno.EFAULT, g.O0);
        Assert.Equal((true, true), g.Carry);
    }

    [Fact]
    public void Syscall_SparcErrnoNumbers_AreNotTheHosts()
    {
        // ENOSYS is 38 on x86-64 and 90 on sparc.
        var g = Guest().Syscall(LinuxSyscall.rseq, 0, 0, 0, 0);
        Assert.Equal(90UL, g.O0);
    }

    [Fact]
    public void Syscall_Unimplemented_StopsTheRunWithStatus2AndTheName()
    {
        var g = Guest().Syscall(LinuxSyscall.fork);
        Assert.NotNull(g.Strand.Halted);
        Assert.Equal(LinuxProcess.SimulatorErrorStatus, g.Process.Exit!.ExitStatus);
        Assert.Equal($"niagara: unimplemented syscall 2 (fork) at pc 0x{GuestHarness.CodeBase:x}", g.Process.Exit.Report);
    }

    [Fact]
    public void Syscall_UnknownNumber_IsReportedWithoutAName()
    {
        var g = Guest().Syscall(999);
        Assert.Equal($"niagara: unimplemented syscall 999 at pc 0x{GuestHarness.CodeBase:x}", g.Process.Exit!.Report);
    }

    [Fact]
    public void ExitGroup_EndsWithTheLowByteOfTheStatus()
    {
        var g = Guest().Syscall(LinuxSyscall.exit_group, 0x1234);
        Assert.Equal(0x34, g.Process.Exit!.ExitStatus);
        Assert.Null(g.Process.Exit.Report);
    }

    [Fact]
    public void Brk_GrowsFromThePageAfterTheImage_AndReturnsTheRequestedBreak()
    {
        var g = Guest().Syscall(LinuxSyscall.brk, 0);
        ulong start = g.O0;
        Assert.Equal(g.Image.EndOfImage, start);
        g.Syscall(LinuxSyscall.brk, start + 0x3001);
        Assert.Equal(start + 0x3001, g.O0);
        g.Memory.WriteU64(start + 0x3000 - 8, 5);
        Assert.True(g.Memory.IsMapped(start + 0x3000));
    }

    [Fact]
    public void Mmap_Anonymous_GivesZeroedPagesThatMunmapTakesAway()
    {
        var g = Guest().Syscall(LinuxSyscall.mmap, 0, 20000, 3, 0x22, ulong.MaxValue, 0);
        ulong address = g.O0;
        Assert.Equal((false, false), g.Carry);
        Assert.Equal(AddressSpaceLayout.MmapBase, address);
        Assert.Equal(0UL, g.Memory.ReadU64(address + 16384));
        g.Syscall(LinuxSyscall.munmap, address, 20000);
        Assert.Equal(0UL, g.O0);
        Assert.False(g.Memory.IsMapped(address));
    }

    [Fact]
    public void Mprotect_ReadOnly_MakesGuestStoresFault()
    {
        var g = Guest().Syscall(LinuxSyscall.mprotect, GuestHarness.DataBase, 8192, 1);
        Assert.Equal(0UL, g.O0);
        Assert.Throws<MemoryFaultException>(() => g.Memory.GetPage(GuestHarness.DataBase, MemoryAccessKind.Write));
    }

    [Fact]
    public void Write_ToStderrPipeOfTheHost_ReturnsTheCount()
    {
        var g = Guest();
        g.Memory.Write(GuestHarness.DataBase, "x"u8);
        g.Syscall(LinuxSyscall.write, 2, GuestHarness.DataBase, 0);
        Assert.Equal(0UL, g.O0);
        Assert.Equal((false, false), g.Carry);
    }

    [Fact]
    public void ReadLink_ProcSelfExe_IsTheProgramPath()
    {
        var g = Guest();
        g.Memory.Write(GuestHarness.DataBase, "/proc/self/exe\0"u8);
        g.Syscall(LinuxSyscall.readlink, GuestHarness.DataBase, GuestHarness.DataBase + 64, 100);
        Assert.Equal((ulong)"/tmp/guest".Length, g.O0);
        byte[] target = new byte[10];
        g.Memory.Read(GuestHarness.DataBase + 64, target);
        Assert.Equal("/tmp/guest"u8.ToArray(), target);
    }

    [Fact]
    public void Ioctl_TcgetsOnANonTerminal_IsEnotty()
    {
        var g = Guest();
        g.Memory.Write(GuestHarness.DataBase, "/dev/null\0"u8);
        g.Syscall(LinuxSyscall.openat, unchecked((ulong)-100), GuestHarness.DataBase, 0, 0);
        ulong fd = g.O0;
        Assert.Equal(3UL, fd);
        g.Syscall(LinuxSyscall.ioctl, fd, 0x40245408, GuestHarness.DataBase + 64);
        Assert.Equal((ulong)Errno.ENOTTY, g.O0);
        g.Syscall(LinuxSyscall.close, fd);
        Assert.Equal(0UL, g.O0);
    }

    [Fact]
    public void Getrandom_IsTheSameStreamForTheSameSeed()
    {
        byte[] first = Random(Guest()), second = Random(Guest());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Futex_WaitOnEqualValueWithNoOtherThread_IsReportedAsDeadlock()
    {
        var g = Guest();
        g.Memory.WriteU32(GuestHarness.DataBase, 7);
        g.Syscall(LinuxSyscall.futex, GuestHarness.DataBase, 0, 7, 0);
        Assert.Equal(LinuxProcess.SimulatorErrorStatus, g.Process.Exit!.ExitStatus);
        Assert.Contains("deadlock", g.Process.Exit.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Futex_WaitOnChangedValue_IsEagain()
    {
        var g = Guest();
        g.Memory.WriteU32(GuestHarness.DataBase, 8);
        g.Syscall(LinuxSyscall.futex, GuestHarness.DataBase, 0, 7, 0);
        Assert.Equal((ulong)Errno.EAGAIN, g.O0);
    }

    [Fact]
    public void Tgkill_SigabrtToSelf_KillsWithStatus134()
    {
        var g = Guest();
        g.Syscall(LinuxSyscall.tgkill, (ulong)g.Process.Pid, (ulong)g.Process.Pid, (ulong)GuestSignal.SIGABRT);
        Assert.Equal(134, g.Process.Exit!.ExitStatus);
        Assert.StartsWith("niagara: guest killed by SIGABRT", g.Process.Exit.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Kill_BlockedSignal_IsDeliveredWhenUnblocked()
    {
        var g = Guest();
        g.Memory.WriteU64(GuestHarness.DataBase, 1UL << ((int)GuestSignal.SIGUSR1 - 1));
        g.Syscall(LinuxSyscall.rt_sigprocmask, 1, GuestHarness.DataBase, 0, 8);
        g.Syscall(LinuxSyscall.kill, (ulong)g.Process.Pid, (ulong)GuestSignal.SIGUSR1);
        Assert.Null(g.Process.Exit);
        g.Syscall(LinuxSyscall.rt_sigprocmask, 2, GuestHarness.DataBase, 0, 8);
        Assert.Equal(128 + 10, g.Process.Exit!.ExitStatus);
    }

    private static byte[] Random(GuestHarness g)
    {
        g.Syscall(LinuxSyscall.getrandom, GuestHarness.DataBase, 32, 0);
        byte[] bytes = new byte[32];
        g.Memory.Read(GuestHarness.DataBase, bytes);
        return bytes;
    }
}
