using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class ControlTransferTests
{
    [Fact]
    public void TakenBranch_ExecutesDelaySlot()
    {
        var h = new StrandHarness().Load("cmp %g0, 0\nbe 1f\nmov 1, %o0\nmov 2, %o1\n1: mov 3, %o2");
        h.Run(4);
        Assert.Equal(1UL, h[O0]);
        Assert.Equal(0UL, h[O1]);
        Assert.Equal(3UL, h[O2]);
    }

    [Fact]
    public void UntakenAnnulledBranch_SkipsDelaySlot()
    {
        var h = new StrandHarness().Load("cmp %g0, 1\nbe,a 1f\nmov 1, %o0\nmov 2, %o1\n1: mov 3, %o2");
        h.Run(4);
        Assert.Equal(0UL, h[O0]);
        Assert.Equal(2UL, h[O1]);
        Assert.Equal(3UL, h[O2]);
    }

    [Fact]
    public void BaAnnul_SkipsDelaySlotAndJumps()
    {
        var h = new StrandHarness().Load("ba,a 1f\nmov 1, %o0\nmov 2, %o1\n1: mov 3, %o2");
        h.Run(2);
        Assert.Equal(0UL, h[O0]);
        Assert.Equal(0UL, h[O1]);
        Assert.Equal(3UL, h[O2]);
    }

    [Fact]
    public void CallAndRetl_LinkThroughO7()
    {
        var h = new StrandHarness().Load("call 1f\nnop\nmov 9, %o1\nba .\nnop\n1: retl\nmov 4, %o0");
        h.Run(6);
        Assert.Equal(StrandHarness.CodeBase, h[O7]);
        Assert.Equal(4UL, h[O0]);
        Assert.Equal(9UL, h[O1]);
    }

    [Fact]
    public void SaveRestore_ShareOutsAndIns()
    {
        var h = new StrandHarness().Load("mov 7, %o0\nsave %sp, -192, %sp\nadd %i0, 1, %i0\nmov 5, %l0\nrestore %g0, 2, %o1");
        h[Sp] = 0x1000;
        h.Run(5);
        Assert.Equal(8UL, h[O0]);
        Assert.Equal(2UL, h[O1]);
        Assert.Equal(0x1000UL, h[Sp]);
        Assert.Equal(0UL, h[L0]);
    }

    [Fact]
    public void SaveWithNoCanSave_RaisesSpillNormal()
    {
        var h = new StrandHarness().Load("save\nsave\nsave\nsave\nsave\nsave\nsave");
        h.Run(7);
        Assert.Equal([TrapTypes.Spill(false, 0)], h.Traps);
        Assert.Equal(0, h.Strand.CanSave);
        Assert.Equal(6, h.Strand.CanRestore);
    }

    [Fact]
    public void RestoreWithNoCanRestore_RaisesFill()
    {
        var h = new StrandHarness().Load("restore");
        h.Run(1);
        Assert.Equal([TrapTypes.Fill(false, 0)], h.Traps);
    }

    [Fact]
    public void Jmpl_ToMisalignedTarget_Traps()
    {
        var h = new StrandHarness().Load("jmpl %o0 + 2, %g0");
        h[O0] = 0x20000;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Fact]
    public void Tcc_RaisesSoftwareTrapWithNumber()
    {
        var h = new StrandHarness().Load("cmp %g0, 0\ntne %icc, 5\nta 0x6d");
        h.Run(3);
        Assert.Equal([TrapTypes.SoftwareTrap(0x6d)], h.Traps);
    }

    [Fact]
    public void Brz_BranchesOnRegister()
    {
        var h = new StrandHarness().Load("brz,a %o0, 1f\nmov 1, %o1\nmov 2, %o2\n1: mov 3, %o3");
        h.Run(3);
        Assert.Equal(1UL, h[O1]);
        Assert.Equal(0UL, h[O2]);
        Assert.Equal(3UL, h[O3]);
    }

    [Fact]
    public void IllegalInstruction_Traps()
    {
        var h = new StrandHarness().Load(".word 0x00000000");
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Fact]
    public void PrivilegedInstructionInUserMode_RaisesPrivilegedOpcode()
    {
        var h = new StrandHarness().Load("rdpr %pstate, %o0");
        h.Run(1);
        Assert.Equal([TrapType.PrivilegedOpcode], h.Traps);
    }
}
