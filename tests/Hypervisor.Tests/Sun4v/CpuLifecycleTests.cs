using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class CpuLifecycleTests
{
    private const string Secondary = """
        ! a started strand: records its start state in its results slot, counts its starts, spins
        secondary:
            rdpr %tl, %l0
            rdpr %pstate, %l1
            mov %i0, %l2
            mov %i1, %l3
            mov %o0, %l4
            SECONDARY
            RESULT %l0, 0
            RESULT %l1, 1
            RESULT %l2, 2
            RESULT %l3, 3
            RESULT %l4, 4
            ldx [%g7 + 40], %l5
            inc %l5
            stx %l5, [%g7 + 40]
        1:  ba 1b
            nop
        """;

    [Fact]
    public void CpuStart_ChecksArgumentsAtOnceInT1Order()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                set secondary, %l0
                set 0x{{Sun4vGuest.Base:x}}, %l1
                mov 99, %o0
                mov %l0, %o1
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 0
                mov 2, %o0              ! not in the guest, and a bad pc: ENORADDR comes first
                mov 0x100, %o1
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 1
                mov 1, %o0
                mov %l0, %o1
                add %l1, 0x40, %o2      ! rtba not 256-byte aligned
                HCALL 0x10
                RESULT %o0, 2
                mov 1, %o0
                add %l0, 2, %o1         ! pc not 4-byte aligned
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 3
                mov 2, %o0
                mov %l0, %o1
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 4
                mov 0, %o0              ! itself: running, so EINVAL (at the boundary)
                mov %l0, %o1
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 5
                EXIT 0
            {{Secondary}}
            .align 256
            results: .skip 1024
            """, strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.ENOCPU, guest.Status(0));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(1));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(2));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(3));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(4));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(5));
    }

    [Fact]
    public void CpuStartAndStop_StartAStoppedCpuInTheStartState_StopAndRestartIt()
    {
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                set secondary, %l0
                set 0x{{Sun4vGuest.Base:x}}, %l1
                mov 1, %o0
                mov %l0, %o1
                mov %l1, %o2
                mov 1, %o3              ! arg: its results slot
                HCALL 0x10
                RESULT %o0, 0
            1:  ldx [%g7 + 256 + 40], %l2
                brz %l2, 1b
                nop
                mov 1, %o0
                HCALL 0x17
                RESULT %o1, 1
                mov 1, %o0              ! started already
                mov %l0, %o1
                mov %l1, %o2
                HCALL 0x10
                RESULT %o0, 2
                mov 0, %o0              ! stop itself
                HCALL 0x11
                RESULT %o0, 3
                mov 99, %o0
                HCALL 0x11
                RESULT %o0, 4
                mov 2, %o0
                HCALL 0x11
                RESULT %o0, 5
                mov 1, %o0
                HCALL 0x11
                RESULT %o0, 6
                mov 1, %o0
                HCALL 0x17
                RESULT %o1, 7
                mov 1, %o0              ! stopped already
                HCALL 0x11
                RESULT %o0, 8
                mov 1, %o0              ! restart: runs from the start again
                mov %l0, %o1
                mov %l1, %o2
                mov 1, %o3
                HCALL 0x10
                RESULT %o0, 9
            2:  ldx [%g7 + 256 + 40], %l2
                cmp %l2, 2
                bne %xcc, 2b
                nop
                EXIT 0
            {{Secondary}}
            .align 256
            results: .skip 1024
            """, strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal((ulong)VirtualCpuState.Running, guest.Result(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(3));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(4));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal((ulong)VirtualCpuState.Stopped, guest.Result(7));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(8));
        Assert.Equal(HypervisorError.EOK, guest.Status(9));

        // The secondary's start state (reference section 4).
        Assert.Equal(2UL, guest.Result(0, strand: 1));                    // TL 2
        Assert.Equal(0x4UL, guest.Result(1, strand: 1));                  // PSTATE PRIV
        Assert.Equal(Sun4vGuest.Base, guest.Result(2, strand: 1));        // %i0
        Assert.Equal(Sun4vGuest.MemorySize, guest.Result(3, strand: 1));  // %i1
        Assert.Equal(1UL, guest.Result(4, strand: 1));                    // %o0 = arg
        Assert.Equal(2UL, guest.Result(5, strand: 1));                    // started twice
    }

    [Fact]
    public void CpuStop_IsVersion1Point1()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                mov 1, %o0
                HCALL 0x11
                RESULT %o0, 0
                EXIT 0
            .align 256
            results: .skip 256
            """, strandsPerCore: 2).RunToExit();
        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(0));
    }
}
