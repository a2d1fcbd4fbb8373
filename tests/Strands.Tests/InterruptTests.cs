using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

/// <summary>
/// Disrupting traps in machine mode: SOFTINT levels against PIL, the mondo and error queues,
/// PSTATE.IE, TICK/STICK compare, and cpu_yield's idle state. Programs run through
/// <see cref="Strand.RunUntil"/>, which takes pending interrupts between run slices.
/// </summary>
public class InterruptTests
{
    // TL 0, GL 0, PIL 0, PSTATE = PRIV | IE.
    private const string Enabled = PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\nwrpr %g0, 6, %pstate\n";

    private static TrapType Level(int n) => (TrapType)(0x40 + n);

    private static TrapType[] Trapped(Sun4vGuest g) => g.Traps.Select(t => t.Trap).ToArray();

    [Fact]
    public void SetSoftint_TakesInterruptLevelBeforeTheNextInstruction()
    {
        var g = new Sun4vGuest(Enabled + "wr %g0, 0x20, %set_softint\nmov 1, %l1\nba,a .");
        g.Handler(Level(5), "mov %l1, %l2\nmov 9, %l3\nwr %g0, 0x20, %clear_softint\nretry");
        g.RunUntil(50);
        Assert.Equal([Level(5)], Trapped(g));
        Assert.Equal((1UL, 0UL, 9UL), (g[L1], g[L2], g[L3]));
        Assert.Equal(0UL, g.Strand.Softint);
    }

    [Fact]
    public void LevelAtOrBelowPil_WaitsUntilWrprPilUnmasksIt()
    {
        var g = new Sun4vGuest(Enabled + "wrpr %g0, 5, %pil\nwr %g0, 0x20, %set_softint\nmov 1, %l1\nwrpr %g0, 4, %pil\nmov 2, %l1\nba,a .");
        g.Handler(Level(5), "mov %l1, %l2\nwr %g0, 0x20, %clear_softint\nretry");
        g.RunUntil(50);
        Assert.Equal([Level(5)], Trapped(g));
        Assert.Equal((2UL, 1UL), (g[L1], g[L2]));
    }

    [Fact]
    public void PstateIeClear_MasksUntilWrprPstateSetsIt()
    {
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\nwr %g0, 0x20, %softint\nmov 1, %l1\nwrpr %g0, 6, %pstate\nmov 2, %l1\nba,a .");
        g.Handler(Level(5), "mov %l1, %l2\nwr %g0, 0x20, %clear_softint\nretry");
        g.RunUntil(50);
        Assert.Equal([Level(5)], Trapped(g));
        Assert.Equal((2UL, 1UL), (g[L1], g[L2]));
    }

    [Fact]
    public void HighestLevelFirst_AndTickAndStickIntAreLevel14()
    {
        var g = new Sun4vGuest(Enabled + "set 0x10208, %l0\nwr %l0, 0, %set_softint\nba,a .");
        foreach (int n in new[] { 3, 9, 14 })
        {
            g.Handler(Level(n), n == 14 ? "sethi %hi(0x10000), %g1\nwr %g1, 0, %clear_softint\nretry" : $"wr %g0, {1 << n}, %clear_softint\nretry");
        }

        g.RunUntil(60);
        Assert.Equal([Level(14), Level(9), Level(3)], Trapped(g));
    }

    [Fact]
    public void Done_RestoringIe_TakesTheInterruptTheHandlerRaised()
    {
        var g = new Sun4vGuest(Enabled + "ta 0x40\nmov 1, %l1\nba,a .");
        g.Handler((TrapType)0x140, "wr %g0, 0x40, %set_softint\nmov 3, %l3\ndone");
        g.Handler(Level(6), "mov %l1, %l2\nwr %g0, 0x40, %clear_softint\nretry");
        g.RunUntil(60);
        Assert.Equal([(TrapType)0x140, Level(6)], Trapped(g));
        Assert.Equal((1UL, 0UL, 3UL), (g[L1], g[L2], g[L3]));
    }

    [Fact]
    public void CpuMondoQueue_TrapsWhileHeadDiffersFromTailEvenAtPil15()
    {
        // Linux's handler shape: consume one entry, store HEAD, retry.
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 6, %pstate\nmov 1, %l1\nba,a .");
        g.Handler(TrapType.CpuMondo, "mov 0x3c0, %g1\nldxa [%g1] 0x25, %g2\nadd %g2, 0x40, %g2\nstxa %g2, [%g1] 0x25\nretry");
        g.Strand.QueueRegisters[Strand.CpuMondoTail] = 0x80;   // two entries, put there by the hypervisor
        g.RunUntil(100);
        Assert.Equal([TrapType.CpuMondo, TrapType.CpuMondo], Trapped(g));
        Assert.Equal([(0, 0x40UL), (0, 0x80UL)], g.HeadWrites.Select(w => (w.Queue, w.Head)));
        Assert.Equal(15, g.Strand.Pil);
        Assert.Equal(1UL, g[L1]);
    }

    [Fact]
    public void HeadStore_StampsTheStrandsClockForTracing()
    {
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "mov 0x3d0, %l0\nmov 0x40, %l1\nnop\nstxa %l1, [%l0] 0x25\nba,a .");
        g.RunUntil(100);
        Assert.Equal([(1, 0x40UL, 6UL)], g.HeadWrites);
    }

    [Fact]
    public void QueueTraps_InPriorityOrder_NonresumableNeverRaisedByTheStrand()
    {
        // Everything is pending when IE goes on.
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\nsethi %hi(0x8000), %l0\nwr %l0, 0, %set_softint\nwrpr %g0, 6, %pstate\nba,a .");
        static string consume(int headVa) => $"wr %g0, 0x25, %asi\nmov {headVa}, %g1\nldxa [%g1 + 8] %asi, %g2\nstxa %g2, [%g1] %asi\nretry";
        g.Handler(TrapType.CpuMondo, consume(0x3c0));
        g.Handler(TrapType.DevMondo, consume(0x3d0));
        g.Handler(TrapType.ResumableError, consume(0x3e0));
        g.Handler(Level(15), "sethi %hi(0x8000), %g1\nwr %g1, 0, %clear_softint\nretry");
        Strand s = g.Strand;
        s.QueueRegisters[Strand.CpuMondoTail] = 0x40;
        s.QueueRegisters[Strand.DevMondoTail] = 0x40;
        s.QueueRegisters[Strand.ResumableTail] = 0x40;
        s.QueueRegisters[Strand.NonresumableTail] = 0x40;
        g.RunUntil(100);

        // UA2005 priorities: cpu_mondo, dev_mondo, interrupt_level_n, resumable_error.
        Assert.Equal([TrapType.CpuMondo, TrapType.DevMondo, Level(15), TrapType.ResumableError], Trapped(g));
    }

    [Fact]
    public void TickCompare_RaisesTickIntWhenTheClockReachesIt()
    {
        var g = new Sun4vGuest(Enabled + "rd %tick, %l1\nadd %l1, 50, %l1\nwr %l1, 0, %tick_cmpr\nba,a .");
        g.Handler(Level(14), "rd %softint, %l5\nwr %g0, 1, %clear_softint\nretry");
        g.RunUntil(1000);
        Assert.Equal([(Level(14), g[L1])], g.Traps);
        Assert.Equal(1UL, g[L5]);
        Assert.Equal(1000UL, g.Strand.Cycle);
    }

    [Fact]
    public void StickCompare_RaisesStickInt_ButNotWithIntDisOrForAValueInThePast()
    {
        var g = new Sun4vGuest(Enabled + "rd %stick, %l1\nadd %l1, 30, %l1\nwr %l1, 0, %stick_cmpr\nba,a .");
        g.Handler(Level(14), "rd %softint, %l5\nwr %g0, 0, %softint\nretry");
        g.RunUntil(500);
        Assert.Equal([(Level(14), g[L1])], g.Traps);
        Assert.Equal(Strand.SoftintStick, g[L5]);

        var disabled = new Sun4vGuest(Enabled + "rd %stick, %l1\nadd %l1, 30, %l1\nsllx %l1, 1, %l1\nsrlx %l1, 1, %l1\nmov 1, %l2\nsllx %l2, 63, %l2\nor %l1, %l2, %l1\nwr %l1, 0, %stick_cmpr\nba,a .");
        disabled.RunUntil(500);
        Assert.Empty(disabled.Traps);

        var past = new Sun4vGuest(Enabled + "rd %stick, %l1\nsub %l1, 2, %l1\nwr %l1, 0, %stick_cmpr\nba,a .");
        past.RunUntil(500);
        Assert.Empty(past.Traps);
        Assert.Equal(0UL, past.Strand.Softint);
    }

    [Fact]
    public void TickRegisters_ReadTheStrandClock()
    {
        var g = new Sun4vGuest("rd %tick, %l1\nrdpr %tick, %l2\nrd %stick, %l3\nba,a .");
        g.Strand.Cycle = 1000;   // the clock carries on across a restart
        g.RunUntil(1010);
        Assert.Equal((1001UL, 1002UL, 1003UL), (g[L1], g[L2], g[L3]));
        Assert.Equal(1010UL, g.Strand.CurrentCycle);
    }

    [Fact]
    public void Idle_SleepsThroughQuantaUntilAMondoArrives_EvenWithIeClear()
    {
        // Linux arch_cpu_idle: clear IE, cpu_yield, set IE again.
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\nwrpr %g0, 4, %pstate\nta 0x80\nwrpr %g0, 6, %pstate\nmov 1, %l1\nba,a .");
        g.Handler(TrapType.CpuMondo, "wr %g0, 0x25, %asi\nmov 0x3c0, %g1\nldxa [%g1 + 8] %asi, %g2\nstxa %g2, [%g1] %asi\nretry");
        g.OnTrap = CpuYield;
        ulong ran = g.RunUntil(1000);
        Assert.Equal(StrandRunState.Idle, g.Strand.RunState);
        Assert.Equal(5UL, ran);
        Assert.Equal(1000UL, g.Strand.Cycle);

        g.RunUntil(2000);
        Assert.Equal(StrandRunState.Idle, g.Strand.RunState);

        g.Strand.QueueRegisters[Strand.CpuMondoTail] = 0x40;    // the hypervisor's delivery at the boundary
        g.RunUntil(3000);
        Assert.Equal(StrandRunState.Running, g.Strand.RunState);
        Assert.Equal(TrapType.CpuMondo, g.Traps[^1].Trap);
        Assert.Equal(2001UL, g.Traps[^1].Cycle);                // after the wrpr that set IE
        Assert.Equal(1UL, g[L1]);
    }

    [Fact]
    public void Idle_WakesAtTheStickCompareMatchInsideTheQuantum()
    {
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\nrd %stick, %l1\nadd %l1, 100, %l1\nwr %l1, 0, %stick_cmpr\nta 0x80\nwrpr %g0, 6, %pstate\nba,a .");
        g.Handler(Level(14), "wr %g0, 0, %softint\nretry");
        g.OnTrap = CpuYield;
        g.RunUntil(10_000);
        Assert.Equal(Level(14), g.Traps[^1].Trap);
        Assert.Equal(g[L1] + 1, g.Traps[^1].Cycle);
        Assert.Equal(StrandRunState.Running, g.Strand.RunState);
        Assert.Equal(10_000UL, g.Strand.Cycle);
    }

    [Fact]
    public void Idle_StaysAsleepForALevelMaskedByPil()
    {
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 9, %pil\nwr %g0, 0x100, %set_softint\nta 0x80\nmov 1, %l1\nba,a .");
        g.OnTrap = CpuYield;
        g.RunUntil(1000);
        Assert.Equal(StrandRunState.Idle, g.Strand.RunState);
        Assert.Equal(0UL, g[L1]);
    }

    [Fact]
    public void StoppedStrand_ClockRunsToTheQuantumEndWithoutExecuting()
    {
        var g = new Sun4vGuest("mov 1, %l1");
        g.Strand.RunState = StrandRunState.Stopped;
        Assert.Equal(0UL, g.RunUntil(500));
        Assert.Equal(500UL, g.Strand.Cycle);
        Assert.Equal(0UL, g[L1]);
    }

    [Fact]
    public void IsParkedUntil_StoppedOrWaitingStrand_IsParkedAndARunningOneIsNot()
    {
        var g = new Sun4vGuest("mov 1, %l1");
        Assert.False(g.Strand.IsParkedUntil(500));
        g.Strand.RunState = StrandRunState.Stopped;
        Assert.True(g.Strand.IsParkedUntil(500));
        g.Strand.RunState = StrandRunState.WaitingForBoundary;
        Assert.True(g.Strand.IsParkedUntil(500));
    }

    [Fact]
    public void IsParkedUntil_IdleStrand_IsParkedUntilAMondoArrives()
    {
        Sun4vGuest g = AsleepAtCycle1000("wrpr %g0, 4, %pstate\nta 0x80\nwrpr %g0, 6, %pstate\nba,a .");
        Assert.True(g.Strand.IsParkedUntil(2000));

        g.Strand.QueueRegisters[Strand.CpuMondoTail] = 0x40;    // the hypervisor's delivery at the boundary
        Assert.False(g.Strand.IsParkedUntil(2000));
    }

    [Fact]
    public void IsParkedUntil_IdleStrand_IsNotParkedForAQuantumHoldingItsTimerMatch()
    {
        Sun4vGuest g = AsleepAtCycle1000("rd %stick, %l1\nadd %l1, 3000, %l1\nwr %l1, 0, %stick_cmpr\nta 0x80\nba,a .");
        ulong match = g[L1];

        // Parked for a quantum that ends at the match (the match wakes it in the next one), not for one past it.
        Assert.True(g.Strand.IsParkedUntil(match));
        Assert.False(g.Strand.IsParkedUntil(match + 1));

        // And what it says is what a run does: nothing before the match, a wake-up at it.
        Assert.Equal(0UL, g.RunUntil(match));
        Assert.Equal(StrandRunState.Idle, g.Strand.RunState);
        g.RunUntil(match + 100);
        Assert.Equal(StrandRunState.Running, g.Strand.RunState);
    }

    /// <summary>A guest at TL 0 with PIL 0 that runs <paramref name="program"/> to cycle 1000, asleep in cpu_yield by then.</summary>
    private static Sun4vGuest AsleepAtCycle1000(string program)
    {
        var g = new Sun4vGuest(PrivilegedGuestTests.ToTl0 + "wrpr %g0, 0, %pil\n" + program) { OnTrap = CpuYield };
        g.RunUntil(1000);
        Assert.Equal(StrandRunState.Idle, g.Strand.RunState);
        return g;
    }

    /// <summary>The hypervisor's cpu_yield (ta 0x80 here): return past the trap and sleep.</summary>
    private static bool CpuYield(Strand s, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        if (trap != TrapType.HyperprivilegedTrap0)
        {
            return false;
        }

        s.Pc = trapNpc;
        s.Npc = trapNpc + 4;
        s.RunState = StrandRunState.Idle;
        s.Yield();
        return true;
    }
}
