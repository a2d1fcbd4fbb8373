using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class CrossCallStormTests
{
    private const int Strands = 32;
    private const int Rounds = 3;

    // Every strand sends, in each of 3 rounds, one mondo to each of the 31 others in one list
    // (word 0 = sender + 1 + 1000 * round), retrying while EWOULDBLOCK; queues hold 7 entries.
    private static readonly string Program = MondoGuest.Program($$"""
            PROLOGUE
            SETVER 1, 1, 1
            mov 1, %l4
        5:  mov %l4, %o0
            set secondary, %o1
            set 0x{{Sun4vGuest.Base:x}}, %o2
            mov %l4, %o3
            HCALL 0x10
            inc %l4
            cmp %l4, {{Strands}}
            bne %xcc, 5b
            nop
            QSETUP 8
            IE_ON
            WAIT_EQ ready, {{Strands - 1}}
            set go, %g1
            mov 1, %g2
            stx %g2, [%g1]
            ba storm
            nop
        """, $$"""
        secondary:
            SECONDARY
            QSETUP 8
            IE_ON
            ATOMIC_INC ready
            WAIT_EQ go, 1
        storm:
            HCALL 0x16
            mov %o1, %l6
            mov 0, %l7
        round:
            mov 0, %l0
            mov 0, %l1
        fill:
            cmp %l0, %l6
            be %xcc, skip
            nop
            sllx %l1, 1, %g1
            add %g7, 128, %g2
            sth %l0, [%g2 + %g1]
            inc %l1
        skip:
            inc %l0
            cmp %l0, {{Strands}}
            bne %xcc, fill
            nop
            mulx %l7, 1000, %g1
            add %g1, %l6, %g1
            add %g1, 1, %g1
            stx %g1, [%g7 + 64]
        again:
            SEND {{Strands - 1}}
            cmp %o0, 9
            be %xcc, again
            nop
            ldx [%g7 + 8], %g1
            or %g1, %o0, %g1
            RESULT %g1, 1               ! any status other than EOK/EWOULDBLOCK sticks here
            inc %l7
            cmp %l7, {{Rounds}}
            bne %xcc, round
            nop
            ATOMIC_INC finished
            brnz %l6, spin
            nop
            WAIT_EQ finished, {{Strands}}
            set results + 224, %l0
            mov 0, %l1
        check:
            ldx [%l0], %l2
            cmp %l2, {{(Strands - 1) * Rounds}}
            bne %xcc, check
            nop
            add %l0, 256, %l0
            inc %l1
            cmp %l1, {{Strands}}
            bne %xcc, check
            nop
            EXIT 0
        spin:
            ba spin
            nop
        """);

    [Fact]
    public void Storm_32StrandsSendingToEachOther_HandleEveryMondoExactlyOnce()
    {
        var guest = new Sun4vGuest(Program, cores: 8, strandsPerCore: 4).RunToExit();

        var events = guest.Machine.CrossCalls.Events;
        Assert.Equal(Strands * (Strands - 1) * Rounds, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(CrossCallStatus.Handled, e.Status);
            Assert.True(e.SendCycle <= e.AcceptCycle && e.AcceptCycle <= e.DeliverCycle && e.DeliverCycle <= e.TrapCycle && e.TrapCycle <= e.HandledCycle, e.ToString());
        });

        // Each (sender, target, round) exactly once.
        Assert.Equal(events.Count, events.Select(e => (e.Sender, e.Target, e.Word0)).Distinct().Count());
        for (int t = 0; t < Strands; t++)
        {
            Assert.Equal(0UL, guest.Result(1, strand: t));
            Assert.Equal((ulong)((Strands - 1) * Rounds), guest.Result(MondoGuest.HandledCount, strand: t));
            ulong expected = (ulong)((Rounds * (528 - (t + 1))) + ((Strands - 1) * 3000));
            Assert.Equal(expected, guest.Result(MondoGuest.Word0Sum, strand: t));
        }

        var counters = guest.Machine.CrossCalls.Counters;
        Assert.Equal(events.Count, counters.Handled);
        Assert.Equal(events.Count, counters.Delivered);
        Assert.True(counters.WouldBlock > 0, "the storm should make senders retry");
        Assert.Contains(events, e => e.Retries > 0);
    }

    [Fact]
    public void Storm_OnParallelHostThreads_StillHandlesEveryMondoExactlyOnce()
    {
        // The synchronizer's rule: the strands of one core on one thread per quantum, cores in
        // parallel; then the single-threaded boundary. The guest's barriers race on shared memory,
        // so cycles may differ from the sequential run, but no mondo may be lost or doubled.
        var guest = new Sun4vGuest(Program, cores: 8, strandsPerCore: 4);
        Sun4vMachine machine = guest.Machine;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        while (!machine.Finished && machine.Cycle < 5_000_000)
        {
            ulong until = machine.Cycle + 1000;
            Parallel.For(0, 8, options, core =>
            {
                for (int strand = 0; strand < 4; strand++)
                {
                    machine.RunStrand((core * 4) + strand, until);
                }
            });
            machine.EndQuantum(until);
        }

        Assert.Equal(MachineEndReason.GuestExit, machine.Outcome?.Reason);
        var events = machine.CrossCalls.Events;
        Assert.Equal(Strands * (Strands - 1) * Rounds, events.Count);
        Assert.All(events, e => Assert.Equal(CrossCallStatus.Handled, e.Status));
        Assert.Equal(events.Count, events.Select(e => (e.Sender, e.Target, e.Word0)).Distinct().Count());
        Assert.Equal(events.Count, machine.CrossCalls.Counters.Handled);
        for (int t = 0; t < Strands; t++)
        {
            Assert.Equal((ulong)((Strands - 1) * Rounds), guest.Result(MondoGuest.HandledCount, strand: t));
        }
    }

    [Fact]
    public void Storm_TwoRuns_GiveIdenticalTracesAndCycles()
    {
        static (string Trace, MachineOutcome Outcome, ulong[] Retired, string Output) RunOnce()
        {
            var guest = new Sun4vGuest(Program, cores: 8, strandsPerCore: 4).RunToExit();
            return (string.Join("\n", guest.Machine.CrossCalls.Events), guest.Machine.Outcome!,
                guest.Machine.Cpus.Select(c => c.InstructionsRetired).ToArray(), guest.Output.ToString());
        }

        var first = RunOnce();
        var second = RunOnce();
        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal(first.Retired, second.Retired);
    }
}
