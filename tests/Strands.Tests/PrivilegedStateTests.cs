using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class PrivilegedStateTests
{
    private const ulong TrapTable = 0x18000;

    /// <summary>A privileged strand whose traps go to its own table at <see cref="TrapTable"/>.</summary>
    private static StrandHarness Privileged(string source)
    {
        var h = new StrandHarness { OnTrap = (_, _, _, _) => false }.Load(source);
        h.Strand.Pstate |= Pstate.Priv;
        h.Strand.Tba = TrapTable;
        return h;
    }

    [Fact]
    public void Trap_FromTl0_PushesStateAndVectorsToTbaPlusTtTimes32()
    {
        var h = Privileged("mov 3, %g1\nwr %g0, 0x82, %asi\nta 0x40");
        h.Strand.Pstate |= Pstate.Ie;
        h.Run(3);
        Strand s = h.Strand;
        Assert.Equal(1, s.Tl);
        Assert.Equal(0x140, (int)s.Tt[1]);
        Assert.Equal(StrandHarness.CodeBase + 8, s.Tpc[1]);
        Assert.Equal(StrandHarness.CodeBase + 12, s.Tnpc[1]);
        Assert.Equal(TrapTable + (0x140UL << 5), s.Pc);
        Assert.Equal(1, s.Gl);
        Assert.Equal(0UL, h[G1]);                          // new global set
        Assert.True(s.Privileged);
        Assert.Equal(Pstate.None, s.Pstate & Pstate.Ie);   // interrupts off in the handler
        Assert.Equal(0x82UL, (s.Tstate[1] >> 24) & 0xff);  // ASI saved
    }

    [Fact]
    public void TrapAtTlAboveZero_UsesUpperHalfOfTable()
    {
        var h = Privileged("nop");
        h.Strand.Tl = 1;
        h.Run(1);
        h.Strand.RaiseTrap(TrapType.DivisionByZero, 0x10000, 0x10004);
        Assert.Equal(TrapTable + 0x4000 + (0x28UL << 5), h.Strand.Pc);
        Assert.Equal(2, h.Strand.Tl);
    }

    [Fact]
    public void TrapAtMaxPtl_WithoutRealModeTrapTable_HaltsInErrorStateWithTrapStack()
    {
        // Process mode has no RTBA, so the watchdog reset has nowhere to go.
        var h = Privileged("nop");
        h.Strand.Tl = Strand.MaxPtl;
        h.Strand.Tt[2] = 0x24;
        h.Strand.RaiseTrap(TrapType.IllegalInstruction, 0x10000, 0x10004);
        Assert.NotNull(h.Strand.Halted);
        Assert.Equal(HaltKind.ErrorState, h.Strand.Halted!.Kind);
        Assert.Contains("watchdog", h.Strand.Halted.Message);
        Assert.Contains("no real-mode trap table", h.Strand.Halted.Message);
        Assert.Contains("TL2: tt=0x024", h.Strand.Halted.Message);
    }

    [Fact]
    public void Done_ReturnsAfterTrappingInstructionAndRestoresState()
    {
        // Trap table entry for tt 0x140 is at TBA + 0x2800: it executes "done".
        var h = Privileged("ta 0x40\nmov 1, %o0");
        uint done = GasAssembler.Assemble("done")[0];
        h.Memory.WriteU32(TrapTable + (0x140 << 5), done);
        h.Run(3);
        Assert.Equal(0, h.Strand.Tl);
        Assert.Equal(0, h.Strand.Gl);
        Assert.Equal(1UL, h[O0]);
    }

    [Fact]
    public void Retry_ReexecutesTrappingInstruction()
    {
        var h = Privileged("nop");
        h.Strand.Tl = 1;
        h.Strand.Tpc[1] = 0x10100;
        h.Strand.Tnpc[1] = 0x10104;
        h.Strand.Tstate[1] = h.Strand.PackTstate();
        uint retry = GasAssembler.Assemble("retry")[0];
        h.Memory.WriteU32(StrandHarness.CodeBase, retry);
        h.Run(1);
        Assert.Equal(0x10100UL, h.Strand.Pc);
        Assert.Equal(0x10104UL, h.Strand.Npc);
        Assert.Equal(0, h.Strand.Tl);
    }

    [Fact]
    public void RdprWrpr_RoundTripWindowAndTrapRegisters()
    {
        var h = Privileged("wrpr %g0, 3, %pil\nrdpr %pil, %o0\nwrpr %g0, 5, %wstate\nrdpr %wstate, %o1\nrdpr %tl, %o2\nrdpr %tpc, %o3");
        h.Run(6);
        Assert.Equal(3UL, h[O0]);
        Assert.Equal(5UL, h[O1]);
        Assert.Equal(0UL, h[O2]);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);  // %tpc at TL = 0
    }

    [Fact]
    public void SpillTrap_RunsInWindowToSpill()
    {
        var h = Privileged("save\nsave\nsave\nsave\nsave\nsave\nsave");
        h.Run(7);
        Assert.Equal([TrapTypes.Spill(false, 0)], h.Traps);
        Assert.Equal((6 + 0 + 2) % Strand.NWindows, h.Strand.Cwp);
        Assert.Equal(TrapTable + (0x80UL << 5), h.Strand.Pc);
    }

    [Fact]
    public void SavedAndRestored_AdjustWindowCounters()
    {
        var h = Privileged("saved\nrestored");
        h.Strand.CanSave = 0;
        h.Strand.CanRestore = 6;
        h.Run(1);
        Assert.Equal(1, h.Strand.CanSave);
        Assert.Equal(5, h.Strand.CanRestore);
        h.Run(1);
        Assert.Equal(0, h.Strand.CanSave);
        Assert.Equal(6, h.Strand.CanRestore);
    }

    [Fact]
    public void PrivilegedRegistersInUserMode_RaisePrivilegedOpcode()
    {
        var h = new StrandHarness().Load("wrpr %g0, 1, %pil");
        h.Run(1);
        Assert.Equal([TrapType.PrivilegedOpcode], h.Traps);
    }
}
