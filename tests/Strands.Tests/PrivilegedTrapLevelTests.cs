using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

/// <summary>Trap levels at their limits: MAXPTL (guest watchdog reset) and MAXTL (error state).</summary>
public class PrivilegedTrapLevelTests
{
    private const string ToTl0 = PrivilegedGuestTests.ToTl0;
    private const ulong WatchdogVector = Sun4vGuest.Rtba + 0x40;

    [Fact]
    public void TrapAtMaxPtl_EntersGuestWatchdogResetAtRtbaPlus0x40WithCauseOnTrapStack()
    {
        // A started strand is at TL = 2 = MAXPTL with PIL 15: its ta cannot be taken by the guest.
        var g = new Sun4vGuest("wrpr %g0, 6, %pstate\nwrpr %g0, 1, %gl\nwr %g0, 0x82, %asi\nta 0x40");
        g.Write(WatchdogVector, "rdpr %tt, %g1\nrdpr %tl, %g2\nrdpr %gl, %g3\nba,a .");
        g.RunUntil(4);
        Strand s = g.Strand;
        Assert.Equal(WatchdogVector, s.Pc);
        Assert.Equal([(TrapType)0x140], g.WatchdogResets);
        Assert.True(s.InWatchdogReset);
        Assert.Equal((Strand.MaxPtl, Strand.MaxPgl), (s.Tl, s.Gl));
        Assert.Equal(0x140, (int)s.Tt[2]);
        Assert.Equal(Sun4vGuest.Entry + 12, s.Tpc[2]);
        Assert.Equal(Sun4vGuest.Entry + 16, s.Tnpc[2]);
        Assert.Equal(0x82UL, (s.Tstate[2] >> 24) & 0xff);                      // the trapped state
        Assert.Equal(1UL, (s.Tstate[2] >> 40) & 7);                             // its GL
        Assert.Equal((ulong)(Pstate.Priv | Pstate.Ie), (s.Tstate[2] >> 8) & 0x1fff);
        Assert.Equal(Pstate.Priv, s.Pstate);                                    // IE cleared

        g.RunUntil(8);
        Assert.Equal((0x140UL, 2UL, 2UL), (g[G1], g[G2], g[G3]));
        Assert.Null(s.Halted);
    }

    [Fact]
    public void NestedTrapsFromTl0_ReachMaxPtlThenWatchdogReset()
    {
        var g = new Sun4vGuest(ToTl0 + "ta 0x40");
        g.Handler((TrapType)0x140, "ta 0x41");
        g.Handler((TrapType)0x141, "ta 0x42", fromTl1: true);
        g.Write(WatchdogVector, "ba,a .");
        g.RunUntil(6);
        Strand s = g.Strand;
        Assert.Equal([(TrapType)0x140, (TrapType)0x141, (TrapType)0x142], g.Traps.Select(t => t.Trap));
        Assert.Equal([(TrapType)0x142], g.WatchdogResets);
        Assert.Equal(WatchdogVector, s.Pc);
        Assert.Equal((0x140, 0x142), ((int)s.Tt[1], (int)s.Tt[2]));
        Assert.Null(s.Halted);
    }

    [Fact]
    public void TrapInsideWatchdogHandler_HaltsInErrorStateWithTrapStack()
    {
        // The real machine would re-enter RTBA + 0x40 forever; the simulator reports it.
        var g = new Sun4vGuest("ta 0x40");
        g.Write(WatchdogVector, "illtrap 0");
        g.RunUntil(100);
        Strand s = g.Strand;
        Assert.NotNull(s.Halted);
        Assert.Equal(HaltKind.ErrorState, s.Halted!.Kind);
        Assert.Equal((int)TrapType.IllegalInstruction, s.Halted.Code);
        Assert.Contains("watchdog", s.Halted.Message);
        Assert.Contains("TL2: tt=0x140", s.Halted.Message);
        Assert.Equal(100UL, s.Cycle);
    }

    [Fact]
    public void WatchdogHandlerThatLowersTl_CanTakeAnotherWatchdogResetLater()
    {
        var g = new Sun4vGuest("ta 0x40");
        g.Write(WatchdogVector, "wrpr %g0, 1, %tl\nta 0x41");
        g.Handler((TrapType)0x141, "ta 0x42", fromTl1: true);
        g.RunUntil(4);
        Assert.Equal([(TrapType)0x140, (TrapType)0x142], g.WatchdogResets);
        Assert.Null(g.Strand.Halted);
        Assert.Equal(WatchdogVector, g.Strand.Pc);
    }

    [Fact]
    public void UnmappedTrapTable_EndsInErrorStateNotAHostHang()
    {
        // Every vector faults: TL climbs to MAXPTL, the watchdog vector faults too.
        var g = new Sun4vGuest(ToTl0 + "ta 0x40");
        g.Strand.Tba = 0x4000_0000;
        g.Strand.Rtba = 0x4000_0000;
        g.RunUntil(1000);
        Assert.Equal(HaltKind.ErrorState, g.Strand.Halted?.Kind);
        Assert.Equal(1000UL, g.Strand.Cycle);
    }

    [Fact]
    public void TrapAtMaxTl_EntersErrorStateWithTrapStack()
    {
        var h = new StrandHarness { OnTrap = (_, _, _, _) => false }.Load("nop");
        Strand s = h.Strand;
        s.Pstate |= Pstate.Priv;
        s.Rtba = 0x14000;
        s.Tl = Strand.MaxTl;
        s.Tt[Strand.MaxTl] = 0x68;
        s.RaiseTrap(TrapType.DivisionByZero, 0x10000, 0x10004);
        Assert.Equal(HaltKind.ErrorState, s.Halted?.Kind);
        Assert.Contains("MAXTL", s.Halted!.Message);
        Assert.Contains("TL6: tt=0x068", s.Halted.Message);
        Assert.Equal(Strand.MaxTl, s.Tl);
    }

    [Fact]
    public void HypervisorCanGiveWatchdogResetDirectly()
    {
        // e.g. the T1 HV's TLB miss with no fault area configured.
        var g = new Sun4vGuest(ToTl0 + "nop\nba,a .");
        g.RunUntil(3);
        g.Strand.GuestWatchdogReset(TrapType.DataAccessMmuMiss, g.Strand.Pc, g.Strand.Npc);
        Assert.Equal(WatchdogVector, g.Strand.Pc);
        Assert.Equal(2, g.Strand.Tl);
        Assert.Equal((int)TrapType.DataAccessMmuMiss, (int)g.Strand.Tt[2]);
        Assert.Equal([TrapType.DataAccessMmuMiss], g.WatchdogResets);
    }

    [Fact]
    public void WrprTl_SaturatesAtMaxPtlAndLeavingMaxPtlEndsTheWatchdogReset()
    {
        var g = new Sun4vGuest("ta 0x40");
        g.Write(WatchdogVector, "wrpr %g0, 5, %tl\nrdpr %tl, %g1\nwrpr %g0, 1, %tl\nba,a .");
        g.RunUntil(3);
        Assert.True(g.Strand.InWatchdogReset);
        Assert.Equal(2UL, g[G1]);
        g.RunUntil(4);
        Assert.False(g.Strand.InWatchdogReset);
    }

    [Fact]
    public void HyperprivilegedRegistersAndAsis_AreNotVisibleToTheGuest()
    {
        // RDHPR is not an instruction of the privileged architecture; ASIs 0x30-0x7F are
        // hyperprivileged (UA2005 10.2: privileged_action).
        var g = new Sun4vGuest(ToTl0 + "mov 5, %g1\nmov 6, %g2\nrdhpr %hpstate, %g1\nldxa [%g0] 0x4c, %g2\nba,a .");
        g.Handler(TrapType.IllegalInstruction, "done");
        g.Handler(TrapType.PrivilegedAction, "done");
        g.RunUntil(20);
        Assert.Equal([TrapType.IllegalInstruction, TrapType.PrivilegedAction], g.Traps.Select(t => t.Trap));
        Assert.Equal((5UL, 6UL), (g[G1], g[G2]));
    }
}
