using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class BootAndApiTests
{
    [Fact]
    public void Boot_StartsAtRtbaPlus0x20_InTheSun4vStartState()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
            start:
                rdpr %tl, %l0
                rdpr %gl, %l1
                rdpr %pstate, %l2
                rdpr %pil, %l3
                rdpr %tba, %l4
                mov %o0, %l5
                mov %i0, %l6
                mov %i1, %l7
                PROLOGUE
                RESULT %l0, 0
                RESULT %l1, 1
                RESULT %l2, 2
                RESULT %l3, 3
                RESULT %l4, 4
                RESULT %l5, 5
                RESULT %l6, 6
                RESULT %l7, 7
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(2UL, guest.Result(0));                       // TL = 2
        Assert.Equal(2UL, guest.Result(1));                       // GL = 2
        Assert.Equal(0x4UL, guest.Result(2));                     // PSTATE = PRIV, TSO
        Assert.Equal(15UL, guest.Result(3));                      // PIL = 15
        Assert.Equal(Sun4vGuest.Base, guest.Result(4));           // %tba = RTBA
        Assert.Equal(0UL, guest.Result(5));                       // %o0 = 0 for the boot strand
        Assert.Equal(Sun4vGuest.Base, guest.Result(6));           // %i0 = RA base
        Assert.Equal(Sun4vGuest.MemorySize, guest.Result(7));     // %i1 = memory size
    }

    [Fact]
    public void MachExit_CoreTrap_EndsWithTheGuestCode()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                EXIT 42
            """);
        MachineOutcome outcome = guest.Run();
        Assert.Equal(MachineEndReason.GuestExit, outcome.Reason);
        Assert.Equal(42, outcome.ExitCode);
        Assert.Equal(42UL, outcome.GuestExitCode);
        Assert.Equal(0, outcome.StrandId);
    }

    [Fact]
    public void MachExit_LargeCode_ReportsExitCode255()
    {
        MachineOutcome outcome = new Sun4vGuest("""
            .org 0x20
                mov -1, %o0
                CORECALL 2
            """).Run();
        Assert.Equal(255, outcome.ExitCode);
        Assert.Equal(ulong.MaxValue, outcome.GuestExitCode);
    }

    [Fact]
    public void FastTrap_BeforeApiSetVersion_ReturnsEBadTrap()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                mov 0x55, %o1
                HCALL 0x16          ! cpu_myid
                RESULT %o0, 0
                RESULT %o1, 1
                mov 0, %o0
                HCALL 0x00          ! mach_exit: not negotiated either, so it returns
                RESULT %o0, 2
                ta 0x85             ! ttrace_addentry dispatches through the same table
                RESULT %o0, 3
                SETVER 1, 1, 0
                HCALL 0x16
                RESULT %o0, 4
                RESULT %o1, 5
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(0));
        Assert.Equal(0x55UL, guest.Result(1));                    // only %o0 written
        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(2));
        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(0UL, guest.Result(5));
    }

    [Fact]
    public void UnknownTrapsAndFunctions_ReturnEBadTrap()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                ta 0x81
                RESULT %o0, 0
                ta 0x86
                RESULT %o0, 1
                ta 0xfe
                RESULT %o0, 2
                ta 0x83             ! mmu_map_addr: not served
                RESULT %o0, 3
                HCALL 0x13          ! cpu_poke: absent on T1
                RESULT %o0, 4
                HCALL 0x20          ! mmu_tsb_ctx0: not served
                RESULT %o0, 5
                set 0x1000, %o5
                ta 0x80
                RESULT %o0, 6
                CORECALL 4
                RESULT %o0, 7
                HCALL 0x70          ! soft_state_set: SOFTSTATE not negotiated
                RESULT %o0, 8
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        for (int i = 0; i <= 8; i++)
        {
            Assert.Equal(HypervisorError.EBADTRAP, guest.Status(i));
        }

        Assert.Equal(9, guest.Machine.Hypervisor.BadTraps);
    }

    [Fact]
    public void ApiSetVersion_NegotiatesLikeTheT1()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 6         ! CORE 1.6 as Linux asks: lowered to 1.1
                RESULT %o0, 0
                RESULT %o1, 1
                SETVER 0x999, 1, 0     ! unknown group
                RESULT %o0, 2
                SETVER 1, 2, 0         ! CORE has no major 2
                RESULT %o0, 3
                SETVER 0, 1, 5         ! SUN4V 1.x always reports minor 0
                RESULT %o0, 4
                RESULT %o1, 5
                SETVER 0, 2, 0         ! SUN4V only has major 1
                RESULT %o0, 6
                SETVER 2, 2, 0         ! INTR 2.0
                RESULT %o0, 7
                RESULT %o1, 8
                mov 1, %o0
                CORECALL 3             ! api_get_version(CORE)
                RESULT %o0, 9
                RESULT %o1, 10
                RESULT %o2, 11
                mov 0x3, %o0
                CORECALL 3             ! SOFTSTATE not negotiated: 0.0
                RESULT %o0, 12
                RESULT %o1, 13
                RESULT %o2, 14
                mov 0x999, %o0
                CORECALL 3
                RESULT %o0, 15
                SETVER 1, 1, 0         ! back to CORE 1.0: the 1.1 calls go away
                HCALL 0x63             ! cons_write (1.1)
                RESULT %o0, 16
                SETVER 1, 0, 0         ! major 0 disables CORE
                RESULT %o0, 17
                HCALL 0x16
                RESULT %o0, 18
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(1UL, guest.Result(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(HypervisorError.ENOTSUPPORTED, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(0UL, guest.Result(5));
        Assert.Equal(HypervisorError.ENOTSUPPORTED, guest.Status(6));
        Assert.Equal(HypervisorError.EOK, guest.Status(7));
        Assert.Equal(0UL, guest.Result(8));
        Assert.Equal(HypervisorError.EOK, guest.Status(9));
        Assert.Equal(1UL, guest.Result(10));
        Assert.Equal(1UL, guest.Result(11));
        Assert.Equal(HypervisorError.EOK, guest.Status(12));
        Assert.Equal(0UL, guest.Result(13));
        Assert.Equal(0UL, guest.Result(14));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(15));
        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(16));
        Assert.Equal(HypervisorError.EOK, guest.Status(17));
        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(18));
    }
}
