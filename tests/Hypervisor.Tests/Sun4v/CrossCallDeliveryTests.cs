using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class CrossCallDeliveryTests
{
    private static readonly string StartAll = $$"""
        ! start strands 1..%l5-1 at `secondary` with their id as argument
            mov 1, %l4
        5:  mov %l4, %o0
            set secondary, %o1
            set 0x{{Sun4vGuest.Base:x}}, %o2
            mov %l4, %o3
            HCALL 0x10
            inc %l4
            cmp %l4, %l5
            bne %xcc, 5b
            nop
        """;

    [Fact]
    public void CpuMondoSend_DeliversIntoTheQueue_AndTheTargetTakesTrap0x7c()
    {
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                mov 2, %l5
            {{StartAll}}
                WAIT_EQ ready, 1
                LISTSET 0, 1
                set 0x1234, %g1
                stx %g1, [%g7 + 64]
                mov 0x77, %g1
                stx %g1, [%g7 + 72]
                SEND 1
                RESULT %o0, 1
                lduh [%g7 + 128], %l0
                RESULT %l0, 2
                WAIT_EQ results + 256 + 224, 1
                EXIT 0
            """, """
            secondary:
                SECONDARY
                QSETUP 8
                IE_ON
                ATOMIC_INC ready
            1:  ba 1b
                nop
            """), strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(0xFFFFUL, guest.Result(2));
        Assert.Equal(1UL, guest.Result(MondoGuest.HandledCount, strand: 1));
        Assert.Equal(0x1234UL, guest.Result(MondoGuest.Word0Sum, strand: 1));
        ulong entry = guest.Symbol("queues") + 4096;
        Assert.Equal(0x1234UL, guest.Machine.Memory.ReadU64(entry));
        Assert.Equal(0x77UL, guest.Machine.Memory.ReadU64(entry + 8));

        CrossCallEvent e = Assert.Single(guest.Machine.CrossCalls.Events);
        Assert.Equal((0, 1, CrossCallStatus.Handled, 0x1234UL, 0), (e.Sender, e.Target, e.Status, e.Word0, e.Retries));
        Assert.True(e.SendCycle <= e.AcceptCycle && e.AcceptCycle <= e.DeliverCycle && e.DeliverCycle <= e.TrapCycle && e.TrapCycle <= e.HandledCycle, e.ToString());
        Assert.Equal(e.AcceptCycle, e.DeliverCycle);                    // room in the queue: moved at once
        Assert.Equal(0UL, e.AcceptCycle % 1000);                        // a quantum boundary
        Assert.InRange(guest.Result(MondoGuest.LastHandledTick, strand: 1), e.TrapCycle!.Value, e.HandledCycle!.Value);
        var counters = guest.Machine.CrossCalls.Counters;
        Assert.Equal((1, 1, 1, 1, 1), (counters.Calls, counters.Accepted, counters.Delivered, counters.TrapsTaken, counters.Handled));
    }

    [Fact]
    public void CpuMondoSend_FullQueue_WaitsInTheMailbox_ThenEWouldBlock_UntilTheTargetConsumes()
    {
        // The target's queue has 2 entries, so it holds one mondo (one slot always unused); a
        // second waits in the mailbox; a third finds the mailbox busy. The target keeps PSTATE.IE
        // clear (no trap) until `go`, then handles everything.
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                mov 2, %l5
            {{StartAll}}
                WAIT_EQ ready, 1
                mov 1, %l0
                stx %l0, [%g7 + 64]
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 0
                mov 2, %l0
                stx %l0, [%g7 + 64]
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 1
                mov 4, %l0
                stx %l0, [%g7 + 64]
                LISTSET 0, 1
                SEND 1
                RESULT %o0, 2
                lduh [%g7 + 128], %l0
                RESULT %l0, 3
                set results + 256 + 224, %l1
                ldx [%l1], %l2
                RESULT %l2, 4
                set go, %l1
                mov 1, %l2
                stx %l2, [%l1]
            6:  SEND 1                      ! retry until accepted
                cmp %o0, 9
                be %xcc, 6b
                nop
                RESULT %o0, 5
                WAIT_EQ results + 256 + 224, 3
                EXIT 0
            """, """
            secondary:
                SECONDARY
                QSETUP 2
                ATOMIC_INC ready
                WAIT_EQ go, 1
                IE_ON
            1:  ba 1b
                nop
            """), strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(HypervisorError.EWOULDBLOCK, guest.Status(2));
        Assert.Equal(1UL, guest.Result(3));                             // the busy entry is kept
        Assert.Equal(0UL, guest.Result(4));
        Assert.Equal(HypervisorError.EOK, guest.Status(5));
        Assert.Equal(3UL, guest.Result(MondoGuest.HandledCount, strand: 1));
        Assert.Equal(7UL, guest.Result(MondoGuest.Word0Sum, strand: 1));

        var events = guest.Machine.CrossCalls.Events;
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(CrossCallStatus.Handled, e.Status));
        Assert.Equal([0, 0, 1], events.Select(e => e.Retries));
        Assert.Equal([1UL, 2UL, 4UL], events.Select(e => e.Word0));
        Assert.Equal(events[0].AcceptCycle, events[0].DeliverCycle);     // the first went straight in
        Assert.True(events[1].DeliverCycle > events[1].AcceptCycle);     // the second waited in the mailbox
        Assert.True(events[1].DeliverCycle >= events[0].HandledCycle);   // ... until the HEAD store made room
        Assert.Equal(1, guest.Machine.CrossCalls.Counters.BusyEntries);
        Assert.Equal(1, guest.Machine.CrossCalls.Counters.WouldBlock);
    }

    [Fact]
    public void CpuMondoSend_AbortsAtAnUnknownCpu_KeepingEarlierDeliveriesMarked()
    {
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                mov 4, %l5
            {{StartAll}}
                WAIT_EQ ready, 3
                LISTSET 0, 1
                LISTSET 1, 2
                LISTSET 2, 7                ! core 0 has strands 0..3: 7 is not a guest CPU
                LISTSET 3, 3
                SEND 4
                RESULT %o0, 0
                lduh [%g7 + 128], %l0
                RESULT %l0, 1
                lduh [%g7 + 130], %l0
                RESULT %l0, 2
                lduh [%g7 + 132], %l0
                RESULT %l0, 3
                lduh [%g7 + 134], %l0
                RESULT %l0, 4
                LISTSET 0, 3
                LISTSET 1, 0                ! the caller itself
                LISTSET 2, 2
                SEND 3
                RESULT %o0, 5
                lduh [%g7 + 128], %l0
                RESULT %l0, 6
                lduh [%g7 + 130], %l0
                RESULT %l0, 7
                lduh [%g7 + 132], %l0
                RESULT %l0, 8
                EXIT 0
            """, """
            secondary:
                SECONDARY
                QSETUP 8
                ATOMIC_INC ready
            1:  ba 1b
                nop
            """), strandsPerCore: 4).RunToExit();

        Assert.Equal(HypervisorError.ENOCPU, guest.Status(0));
        Assert.Equal([0xFFFFUL, 0xFFFFUL, 7UL, 3UL], Enumerable.Range(1, 4).Select(i => guest.Result(i)));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(5));
        Assert.Equal([0xFFFFUL, 0UL, 2UL], Enumerable.Range(6, 3).Select(i => guest.Result(i)));
        Assert.Equal([(0, 1), (0, 2), (0, 3)], guest.Machine.CrossCalls.Events.Select(e => (e.Sender, e.Target)));
        Assert.All(guest.Machine.CrossCalls.Events, e => Assert.Equal(CrossCallStatus.Delivered, e.Status));
    }

    [Fact]
    public void CpuMondoSend_ChecksArgumentsAtOnce()
    {
        ulong limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;
        var guest = new Sun4vGuest(MondoGuest.Program($$"""
                PROLOGUE
                SETVER 1, 1, 1
                mov 1, %o0
                add %g7, 129, %o1           ! list not 2-byte aligned
                add %g7, 64, %o2
                HCALL 0x42
                RESULT %o0, 0
                mov 1, %o0
                add %g7, 128, %o1
                add %g7, 72, %o2            ! data not 64-byte aligned
                HCALL 0x42
                RESULT %o0, 1
                mov 1, %o0
                set 0x{{limit:x}}, %o1      ! list outside guest memory
                add %g7, 64, %o2
                HCALL 0x42
                RESULT %o0, 2
                mov 1, %o0
                add %g7, 128, %o1
                set 0x{{limit - 32:x}}, %o2 ! data runs past the end (aligned)
                and %o2, -64, %o2
                add %o2, 32, %o2
                HCALL 0x42
                RESULT %o0, 3
                mov 0, %o0                  ! empty list
                add %g7, 128, %o1
                add %g7, 64, %o2
                HCALL 0x42
                RESULT %o0, 4
                LISTSET 0, 0xffff
                SEND 1                      ! all done already
                RESULT %o0, 5
                LISTSET 0, 99
                SEND 1
                RESULT %o0, 6
                set 0x8000, %g1             ! ids are 16-bit: 0x8000 is no CPU
                sth %g1, [%g7 + 128]
                SEND 1
                RESULT %o0, 7
                LISTSET 0, 0
                SEND 1
                RESULT %o0, 8
                EXIT 0
            """), strandsPerCore: 2).RunToExit();

        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(0));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(1));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(2));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(HypervisorError.EOK, guest.Status(5));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(6));
        Assert.Equal(HypervisorError.ENOCPU, guest.Status(7));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(8));
        Assert.Empty(guest.Machine.CrossCalls.Events);
        Assert.Equal(9, guest.Machine.CrossCalls.Counters.Calls);
    }
}
