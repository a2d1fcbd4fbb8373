using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class CpuServiceTests
{
    private const ulong Limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;

    [Fact]
    public void CpuQconf_ChecksInT1Order_AndQinfoReportsTheConfiguration()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                set queue, %l0
                mov 0x3c, %o0
                mov %l0, %o1
                mov 8, %o2
                HCALL 0x14
                RESULT %o0, 0
                mov 0x3c, %o0
                HCALL 0x15
                RESULT %o0, 1
                RESULT %o1, 2
                RESULT %o2, 3
                mov 0x3c, %o0
                mov %l0, %o1
                mov 1, %o2              ! fewer than 2 entries
                HCALL 0x14
                RESULT %o0, 4
                mov 0x3c, %o0
                add %l0, 64, %o1        ! misaligned base, but 3 entries is checked first
                mov 3, %o2
                HCALL 0x14
                RESULT %o0, 5
                mov 0x3c, %o0
                mov %l0, %o1
                mov 512, %o2            ! more than 256 entries
                HCALL 0x14
                RESULT %o0, 6
                mov 0x3c, %o0
                add %l0, 64, %o1        ! 8 entries need 512-byte alignment
                mov 8, %o2
                HCALL 0x14
                RESULT %o0, 7
                mov 0x3c, %o0
                mov 0x200, %o1          ! aligned but outside guest memory
                mov 8, %o2
                HCALL 0x14
                RESULT %o0, 8
                mov 0x3b, %o0           ! unknown queue, checked last
                mov %l0, %o1
                mov 8, %o2
                HCALL 0x14
                RESULT %o0, 9
                mov 0x40, %o0
                mov 0, %o1
                mov 0, %o2
                HCALL 0x14
                RESULT %o0, 10
                mov 0x3c, %o0
                mov 0, %o1
                mov 0, %o2              ! unconfigure
                HCALL 0x14
                RESULT %o0, 11
                mov 0x3c, %o0
                HCALL 0x15
                RESULT %o1, 12
                RESULT %o2, 13
                mov 0x50, %o0
                HCALL 0x15
                RESULT %o0, 14
                mov 0x3f, %o0           ! nonresumable queue, 2 entries
                mov %l0, %o1
                mov 2, %o2
                HCALL 0x14
                RESULT %o0, 15
                mov 0x3c8, %l1
                ldxa [%l1] 0x25, %l2    ! cpu mondo TAIL
                RESULT %l2, 16
                EXIT 0
            .align 256
            results: .skip 256
            .align 4096
            queue: .skip 4096
            """).RunToExit();

        ulong queue = guest.Symbol("queue");
        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(queue, guest.Result(2));
        Assert.Equal(8UL, guest.Result(3));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(4));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(5));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(6));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(7));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(8));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(9));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(10));
        Assert.Equal(HypervisorError.EOK, guest.Status(11));
        Assert.Equal(0UL, guest.Result(12));
        Assert.Equal(0UL, guest.Result(13));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(14));
        Assert.Equal(HypervisorError.EOK, guest.Status(15));
        Assert.Equal(0UL, guest.Result(16));
    }

    [Fact]
    public void CpuMyidAndCpuState_ReportIdsAndStates()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                HCALL 0x16
                RESULT %o1, 0
                mov 0, %o0
                HCALL 0x17
                RESULT %o0, 1
                RESULT %o1, 2
                mov 1, %o0
                HCALL 0x17
                RESULT %o0, 3
                RESULT %o1, 4
                mov 2, %o0              ! core 0 has 2 strands: id 2 is not in the guest
                HCALL 0x17
                RESULT %o0, 5
                mov 99, %o0
                HCALL 0x17
                RESULT %o0, 6
                mov 4, %o0              ! core 1 strand 0
                HCALL 0x17
                RESULT %o0, 7
                RESULT %o1, 8
                EXIT 0
            .align 256
            results: .skip 256
            """, cores: 2, strandsPerCore: 2).RunToExit();

        Assert.Equal(0UL, guest.Result(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal((ulong)VirtualCpuState.Running, guest.Result(2));
        Assert.Equal(HypervisorError.EOK, guest.Status(3));
        Assert.Equal((ulong)VirtualCpuState.Stopped, guest.Result(4));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(5));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(6));
        Assert.Equal(HypervisorError.EOK, guest.Status(7));
        Assert.Equal((ulong)VirtualCpuState.Stopped, guest.Result(8));
        Assert.Equal([0, 1, 4, 5], guest.Machine.StrandIds);
    }

    [Fact]
    public void CpuSetRtba_ReturnsPreviousAndChecksRangeThenAlignment()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                HCALL 0x19
                RESULT %o1, 0
                set 0x{{Sun4vGuest.Base + 0x1000:x}}, %o0
                HCALL 0x18
                RESULT %o0, 1
                RESULT %o1, 2
                set 0x{{Sun4vGuest.Base + 0x1080:x}}, %o0
                HCALL 0x18
                RESULT %o0, 3
                RESULT %o1, 4
                set 0x{{Limit - 0x80:x}}, %o0      ! misaligned and running past the end: range first
                HCALL 0x18
                RESULT %o0, 5
                set 0x{{Limit:x}}, %o0
                HCALL 0x18
                RESULT %o0, 6
                HCALL 0x19
                RESULT %o1, 7
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(Sun4vGuest.Base, guest.Result(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(Sun4vGuest.Base, guest.Result(2));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(3));
        Assert.Equal(Sun4vGuest.Base + 0x1000, guest.Result(4));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(5));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(6));
        Assert.Equal(Sun4vGuest.Base + 0x1000, guest.Result(7));
        Assert.Equal(Sun4vGuest.Base + 0x1000, guest.Machine.StrandOf(0).Rtba);
    }

    [Fact]
    public void CpuYield_SleepsUntilAnInterruptArrives()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                wrpr %g0, 0, %pil
                rd %tick, %l0
                add %l0, 3000, %l1
                wr %l1, 0, %asr25       ! STICK_CMPR: wakes the yield (IE stays clear)
                HCALL 0x12
                RESULT %o0, 0
                rd %tick, %l2
                sub %l2, %l0, %l2
                RESULT %l2, 1
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit(quantum: 1000);

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.InRange(guest.Result(1), 3000UL, 3100UL);
    }
}
