using System.Text;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class GuestStateServiceTests
{
    private const ulong Limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;

    [Fact]
    public void TodGetAndSet_FollowSimulatedTime()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                HCALL 0x50
                RESULT %o0, 0
                RESULT %o1, 1
                set 2000000000, %o0
                HCALL 0x51
                RESULT %o0, 2
                HCALL 0x50
                RESULT %o1, 3
                EXIT 0
            .align 256
            results: .skip 256
            """, options: new Sun4vMachineOptions { TodEpochSeconds = 1_000_000 }).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(1_000_000UL, guest.Result(1));        // far less than a second of 1 GHz cycles
        Assert.Equal(HypervisorError.EOK, guest.Status(2));
        Assert.Equal(2_000_000_000UL, guest.Result(3));
    }

    [Fact]
    public void SoftState_SetAndGet_CheckInT1Order()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                mov 1, %o0
                set desc, %o1
                HCALL 0x70
                RESULT %o0, 0           ! SOFTSTATE not negotiated
                SETVER 3, 1, 0
                mov 3, %o0              ! bad state, bad alignment too: state first
                set desc + 8, %o1
                HCALL 0x70
                RESULT %o0, 1
                mov 2, %o0
                set desc + 8, %o1
                HCALL 0x70
                RESULT %o0, 2
                mov 2, %o0
                set 0x{{Limit:x}}, %o1
                HCALL 0x70
                RESULT %o0, 3
                mov 2, %o0
                set nonul, %o1
                HCALL 0x70
                RESULT %o0, 4
                mov 1, %o0
                set desc, %o1
                HCALL 0x70
                RESULT %o0, 5
                set out, %o0
                HCALL 0x71
                RESULT %o0, 6
                RESULT %o1, 7
                set out + 16, %o0
                HCALL 0x71
                RESULT %o0, 8
                set 0x{{Limit:x}}, %o0
                HCALL 0x71
                RESULT %o0, 9
                EXIT 0
            .align 32
            desc: .asciz "Solaris running"
                  .skip 16
            .align 32
            nonul: .ascii "0123456789abcdef0123456789abcdef"
            .align 32
            out: .ascii "################################"
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(0));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(1));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(2));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(3));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(4));
        Assert.Equal(HypervisorError.EOK, guest.Status(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal(1UL, guest.Result(7));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(8));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(9));
        byte[] out32 = new byte[32];
        guest.Machine.Memory.Read(guest.Symbol("out"), out32);
        Assert.Equal("Solaris running" + new string('\0', 17), Encoding.ASCII.GetString(out32));
        Assert.Equal(1UL, guest.Machine.Hypervisor.Guest.SoftState);
    }

    [Fact]
    public void MemScrubAndSync_CheckLengthAlignmentRange_ScrubZeroes()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                set page, %l0
                mov %l0, %o0
                mov 0, %o1
                HCALL 0x31
                RESULT %o0, 0
                add %l0, 64, %o0
                set 0x2000, %o1
                HCALL 0x31
                RESULT %o0, 1
                mov %l0, %o0
                set 0x1000, %o1
                HCALL 0x32
                RESULT %o0, 2
                set 0x{{Limit - 0x2000:x}}, %o0
                set 0x4000, %o1
                HCALL 0x31
                RESULT %o0, 3
                mov %l0, %o0
                set 0x2000, %o1
                HCALL 0x31
                RESULT %o0, 4
                RESULT %o1, 5
                mov %l0, %o0
                set 0x4000, %o1
                HCALL 0x32
                RESULT %o0, 6
                RESULT %o1, 7
                EXIT 0
            .align 256
            results: .skip 256
            .align 0x2000
            page: .skip 0x2000, 0xab
            """).RunToExit();

        Assert.Equal(HypervisorError.EINVAL, guest.Status(0));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(1));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(2));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(0x2000UL, guest.Result(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal(0x4000UL, guest.Result(7));
        ulong page = guest.Symbol("page");
        Assert.Equal(0UL, guest.Machine.Memory.ReadU64(page));
        Assert.Equal(0UL, guest.Machine.Memory.ReadU64(page + 0x1ff8));
    }

    [Fact]
    public void MemScrub_ClampsToTheConfiguredMaximum()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                set page, %o0
                set 0x6000, %o1
                HCALL 0x31
                RESULT %o0, 0
                RESULT %o1, 1
                EXIT 0
            .align 256
            results: .skip 256
            .align 0x2000
            page: .skip 0x6000, 0xab
            """, options: new Sun4vMachineOptions { MemScrubMaxBytes = 0x4000 }).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(0x4000UL, guest.Result(1));
        Assert.Equal(0xababababababababUL, guest.Machine.Memory.ReadU64(guest.Symbol("page") + 0x4000));
    }

    [Fact]
    public void DumpBuffer_UpdateAndInfo()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                set dump, %o0
                set 0x1000, %o1
                HCALL 0x94
                RESULT %o0, 0
                RESULT %o1, 1
                set dump + 8, %o0
                set 0x2000, %o1
                HCALL 0x94
                RESULT %o0, 2
                set 0x{{Limit - 0x1000:x}}, %o0
                set 0x2000, %o1
                HCALL 0x94
                RESULT %o0, 3
                set dump, %o0
                set 0x2000, %o1
                HCALL 0x94
                RESULT %o0, 4
                RESULT %o1, 5
                HCALL 0x95
                RESULT %o0, 6
                RESULT %o1, 7
                RESULT %o2, 8
                set dump + 8, %o0       ! an error unconfigures the buffer
                set 0x2000, %o1
                HCALL 0x94
                HCALL 0x95
                RESULT %o1, 9
                RESULT %o2, 10
                EXIT 0
            .align 256
            results: .skip 256
            .align 64
            dump: .skip 0x2000
            """).RunToExit();

        Assert.Equal(HypervisorError.EINVAL, guest.Status(0));
        Assert.Equal(8192UL, guest.Result(1));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(2));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(0x2000UL, guest.Result(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal(guest.Symbol("dump"), guest.Result(7));
        Assert.Equal(0x2000UL, guest.Result(8));
        Assert.Equal(0UL, guest.Result(9));
        Assert.Equal(0UL, guest.Result(10));
    }
}
