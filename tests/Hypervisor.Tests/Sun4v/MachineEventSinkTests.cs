using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

/// <summary>What the hypervisor reports to <see cref="Sun4vMachineOptions.Events"/>: hypercalls with status and cycles, guest traps with TT, TL and PC.</summary>
public class MachineEventSinkTests
{
    private sealed class Recorder : IMachineEventSink
    {
        public List<HypercallEvent> Calls { get; } = [];

        public List<TrapEvent> Traps { get; } = [];

        public void OnHypercall(in HypercallEvent call) => Calls.Add(call);

        public void OnTrap(in TrapEvent trap) => Traps.Add(trap);
    }

    [Fact]
    public void HypercallsAndTraps_AreReportedWithStatusLevelAndCycles()
    {
        var events = new Recorder();
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                set 0x{{Sun4vGuest.Base:x}}, %l0
                wrpr %l0, 0, %tba
                HCALL 0x16              ! cpu_myid before api_set_version: EBADTRAP
                SETVER 1, 1, 0
                HCALL 0x16              ! cpu_myid: EOK, no time passes
            swtrap:
                ta 0x30                 ! to the guest's own table at TL 1
                EXIT 0                  ! waits for the boundary
            .org 0x2600                 ! tt 0x130 at TL 0
                done
            .align 256
            results: .skip 256
            """, options: new Sun4vMachineOptions { Events = events });

        guest.RunToExit(quantum: 1000);

        // api_set_version and api_exit wait for the quantum boundary (a multiple of 1000 here).
        Assert.Equal(
            [(0x80, 0x16UL, (ulong)HypervisorError.EBADTRAP), (0xff, 0UL, (ulong)HypervisorError.EOK), (0x80, 0x16UL, (ulong)HypervisorError.EOK), (0xff, 2UL, 0UL)],
            events.Calls.Select(c => (c.TrapNumber, c.Function, c.Status)));
        HypercallEvent setVersion = events.Calls[1], myid = events.Calls[2], exit = events.Calls[3];
        Assert.Equal(events.Calls[0].BeginCycle, events.Calls[0].EndCycle);
        Assert.Equal(myid.BeginCycle, myid.EndCycle);
        Assert.Equal(0UL, setVersion.EndCycle % 1000);
        Assert.True(setVersion.BeginCycle < setVersion.EndCycle && setVersion.EndCycle <= myid.BeginCycle);
        Assert.Equal(0UL, exit.EndCycle % 1000);
        Assert.True(exit.BeginCycle < exit.EndCycle);
        TrapEvent trap = Assert.Single(events.Traps);
        Assert.Equal((0, 0x130, 1, guest.Symbol("swtrap")), (trap.Strand, trap.TrapType, trap.TrapLevel, trap.Pc));
        Assert.InRange(trap.Cycle, myid.EndCycle, exit.BeginCycle);
    }
}
