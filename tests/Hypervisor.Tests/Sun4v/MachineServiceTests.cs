using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class MachineServiceTests
{
    private const ulong Limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;

    [Fact]
    public void MachDesc_SizeQueryThenCopy_ChecksAlignmentAndRange()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                mov 0, %o0
                mov 0, %o1
                HCALL 0x01
                RESULT %o0, 0
                RESULT %o1, 1
                mov %o1, %l1
                sub %l1, 1, %o1         ! too short, and misaligned: the size check comes first
                set mdbuf + 8, %o0
                HCALL 0x01
                RESULT %o0, 2
                RESULT %o1, 3
                set mdbuf + 8, %o0
                mov %l1, %o1
                HCALL 0x01
                RESULT %o0, 4
                set 0x{{Limit - 16:x}}, %o0
                mov %l1, %o1
                HCALL 0x01
                RESULT %o0, 5
                set mdbuf, %o0
                sllx %l1, 1, %o1        ! a larger buffer is fine
                HCALL 0x01
                RESULT %o0, 6
                RESULT %o1, 7
                EXIT 0
            .align 256
            results: .skip 256
            .align 16
            mdbuf: .skip 0x8000
            """, cores: 2, strandsPerCore: 4).RunToExit();

        var md = guest.Machine.Hypervisor.MachineDescription;
        Assert.Equal(HypervisorError.EINVAL, guest.Status(0));
        Assert.Equal(md.RequiredBufferLength, guest.Result(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(md.RequiredBufferLength, guest.Result(3));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(4));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal(md.RequiredBufferLength, guest.Result(7));
        byte[] copied = new byte[md.Length];
        guest.Machine.Memory.Read(guest.Symbol("mdbuf"), copied);
        Assert.Equal(md.Bytes.ToArray(), copied);
        Assert.Equal(8, md.Parse().Nodes.Count(n => n.Name == "cpu"));
    }

    [Fact]
    public void MachSir_RestartsTheGuest_ReloadingTheImageAndResettingCpusAndVersions()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                set 0x{{Sun4vGuest.Base + 0x800000:x}}, %l0      ! outside the image: survives the reset
                ldx [%l0], %l1
                inc %l1
                stx %l1, [%l0]
                cmp %l1, 2
                be %xcc, again
                nop
                SETVER 1, 1, 1
                set marker, %l2
                mov 7, %l3
                stx %l3, [%l2]
                mov 1, %o0
                set spin, %o1
                set 0x{{Sun4vGuest.Base:x}}, %o2
                HCALL 0x10
                HCALL 0x02
                EXIT 99                 ! not reached
            again:
                mov 1, %o0
                CORECALL 3              ! CORE back to 0.0
                RESULT %o1, 0
                RESULT %o2, 1
                set marker, %l2
                ldx [%l2], %l3
                RESULT %l3, 2           ! the image was copied again
                SETVER 1, 1, 1
                mov 1, %o0
                HCALL 0x17
                RESULT %o1, 3           ! strand 1 is stopped again
                rdpr %tl, %l4
                EXIT 0
            spin:
                ba spin
                nop
            .align 8
            marker: .xword 0
            .align 256
            results: .skip 256
            """, strandsPerCore: 2).RunToExit();

        Assert.Equal(0UL, guest.Result(0));
        Assert.Equal(0UL, guest.Result(1));
        Assert.Equal(0UL, guest.Result(2));
        Assert.Equal((ulong)VirtualCpuState.Stopped, guest.Result(3));
        Assert.Equal(1, guest.Machine.Hypervisor.GuestResets);
        Assert.Equal(2UL, guest.Machine.Memory.ReadU64(Sun4vGuest.Base + 0x800000));
    }

    [Fact]
    public void MachSetWatchdog_ReturnsRemainingTime_RejectsTooLong_AndIsVersion1Point1()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                mov 10, %o0
                HCALL 0x05
                RESULT %o0, 0
                SETVER 1, 1, 1
                set 1500, %o0           ! rounded up to 2 s
                HCALL 0x05
                RESULT %o0, 1
                RESULT %o1, 2
                mov 500, %o0
                HCALL 0x05
                RESULT %o0, 3
                RESULT %o1, 4
                setx 31536000001, %g1, %o0  ! one second more than watchdog-max-timeout
                HCALL 0x05
                RESULT %o0, 5
                RESULT %o1, 6
                mov 0, %o0
                HCALL 0x05
                RESULT %o0, 7
                RESULT %o1, 8
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(0UL, guest.Result(2));
        Assert.Equal(HypervisorError.EOK, guest.Status(3));
        Assert.Equal(2000UL, guest.Result(4));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(5));
        Assert.Equal(1000UL, guest.Result(6));
        Assert.Equal(HypervisorError.EOK, guest.Status(7));
        Assert.Equal(1000UL, guest.Result(8));
        Assert.Equal(0UL, guest.Machine.Hypervisor.Guest.WatchdogDeadline);
    }

    [Fact]
    public void MachSetWatchdog_NotRenewed_EndsTheRunInError()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                mov 1, %o0              ! 1 ms: rounded up to 1 s = 1,000,000 cycles at 1 MHz
                HCALL 0x05
            1:  ba 1b
                nop
            .align 256
            results: .skip 256
            """, clockHz: 1_000_000);

        MachineOutcome outcome = guest.Run(quantum: 10_000, maxCycles: 2_000_000);
        Assert.Equal(MachineEndReason.WatchdogExpired, outcome.Reason);
        Assert.Equal(MachineOutcome.ErrorExitCode, outcome.ExitCode);
        Assert.InRange(outcome.Cycle, 1_000_000UL, 1_020_000UL);
    }
}
