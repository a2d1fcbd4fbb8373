using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class CrossCallStateTests
{
    private static readonly string StartOne = $$"""
            mov 1, %o0
            set secondary, %o1
            set rtba2, %o2
            mov 1, %o3
            HCALL 0x10
        """;

    // Started at TL 2, the secondary's illtrap becomes a guest watchdog reset at RTBA + 0x40,
    // whose illtrap (inside the watchdog handler) puts the strand in error state.
    private const string Crasher = """
        secondary:
            illtrap 0
        .align 256
        rtba2:
            .skip 0x40
            illtrap 0
        """;

    [Fact]
    public void CpuMondoSend_ToAStoppedCpu_FillsItsMailbox_ThenWouldBlock_AndCpuStartDropsIt()
    {
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 0
                lduh [%g7 + 128], %l0
                RESULT %l0, 1
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 2
                mov 1, %o0
                HCALL 0x17
                RESULT %o1, 3
            {{StartOne}}
                RESULT %o0, 4
                LISTSET 0, 1
                SEND 1                      ! the restarted CPU has an empty mailbox again
                RESULT %o0, 5
                EXIT 0
            """, """
            secondary:
            1:  ba 1b
                nop
            .align 256
            rtba2: .skip 256
            """), strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(0xFFFFUL, guest.Result(1));
        Assert.Equal(HypervisorError.EWOULDBLOCK, guest.Status(2));
        Assert.Equal((ulong)VirtualCpuState.Stopped, guest.Result(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(HypervisorError.EOK, guest.Status(5));
        var events = guest.Machine.CrossCalls.Events;
        Assert.Equal([CrossCallStatus.Dropped, CrossCallStatus.InMailbox], events.Select(e => e.Status));
        Assert.Equal(1, events[1].Retries);                                // the EWOULDBLOCK in between
        Assert.Equal(1, guest.Machine.CrossCalls.Counters.Dropped);
    }

    [Fact]
    public void CpuMondoSend_ToACpuInErrorState_ReturnsECpuError()
    {
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
            {{StartOne}}
            1:  mov 1, %o0
                HCALL 0x17
                cmp %o1, 3
                bne %xcc, 1b
                nop
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 0
                lduh [%g7 + 128], %l0
                RESULT %l0, 1
                mov 1, %o0
                set secondary, %o1
                set rtba2, %o2
                HCALL 0x10
                RESULT %o0, 2
                mov 1, %o0
                HCALL 0x11
                RESULT %o0, 3
                EXIT 0
            """, Crasher), strandsPerCore: 2, options: new Sun4vMachineOptions { ContinueAfterStrandError = true }).RunToExit();

        Assert.Equal(HypervisorError.ECPUERROR, guest.Status(0));
        Assert.Equal(1UL, guest.Result(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(3));
        VirtualCpu failed = guest.Machine.Cpus[1];
        Assert.Equal(VirtualCpuState.Error, failed.State);
        Assert.Contains("watchdog", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, failed.WatchdogResets);
        Assert.Empty(guest.Machine.CrossCalls.Events);
    }

    [Fact]
    public void StrandErrorState_EndsTheMachine_WithAMessage_TheConsoleOutput_AndANonZeroExitCode()
    {
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                mov 'h', %o0
                HCALL 0x61
                mov 'i', %o0
                HCALL 0x61
            {{StartOne}}
            1:  ba 1b
                nop
            """, Crasher), strandsPerCore: 2);

        MachineOutcome outcome = guest.Run();
        Assert.Equal(MachineEndReason.StrandError, outcome.Reason);
        Assert.Equal(MachineOutcome.ErrorExitCode, outcome.ExitCode);
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Equal(1, outcome.StrandId);
        Assert.StartsWith("strand 1 in error state: ", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("hi", guest.Output.ToString());
    }
}
