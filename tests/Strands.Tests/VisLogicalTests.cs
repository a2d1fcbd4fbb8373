using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Tests;

/// <summary>
/// The 32 VIS logical ops. Expected values come from qemu-sparc64 7.2 running the same
/// instruction on the same operands (rd preloaded with 0x5555aaaa5555aaaa so that the single
/// forms show the untouched half).
/// </summary>
public class VisLogicalTests
{
    private const ulong RdBefore = 0x5555aaaa5555aaaaUL;

    internal static StrandHarness RunOne(string source, ulong d0, ulong d2, ulong d4)
    {
        var h = new StrandHarness().Load(source);
        h.Strand.SetDouble(0, d0);
        h.Strand.SetDouble(2, d2);
        h.Strand.SetDouble(4, d4);
        h.Run(1);
        return h;
    }

    [Theory]
    [InlineData("fnord %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x7766554433221100UL)]
    [InlineData("fandnot2d %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x0000000000000000UL)]
    [InlineData("fandnot1d %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x8888888888888888UL)]
    [InlineData("fxord %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x8888888888888888UL)]
    [InlineData("fnandd %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffeeddccbbaa9988UL)]
    [InlineData("fandd %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x0011223344556677UL)]
    [InlineData("fxnord %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x7777777777777777UL)]
    [InlineData("fornot2d %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x7777777777777777UL)]
    [InlineData("fornot1d %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffffffffffffffffUL)]
    [InlineData("ford %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x8899aabbccddeeffUL)]
    [InlineData("fnors %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa33221100UL)]
    [InlineData("fnors %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x776655445555aaaaUL)]
    [InlineData("fandnot2s %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa00000000UL)]
    [InlineData("fandnot2s %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x000000005555aaaaUL)]
    [InlineData("fandnot1s %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa88888888UL)]
    [InlineData("fandnot1s %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x888888885555aaaaUL)]
    [InlineData("fxors %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa88888888UL)]
    [InlineData("fxors %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x888888885555aaaaUL)]
    [InlineData("fnands %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaabbaa9988UL)]
    [InlineData("fnands %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffeeddcc5555aaaaUL)]
    [InlineData("fands %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa44556677UL)]
    [InlineData("fands %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x001122335555aaaaUL)]
    [InlineData("fxnors %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa77777777UL)]
    [InlineData("fxnors %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x777777775555aaaaUL)]
    [InlineData("fornot2s %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa77777777UL)]
    [InlineData("fornot2s %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x777777775555aaaaUL)]
    [InlineData("fornot1s %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaaffffffffUL)]
    [InlineData("fornot1s %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffffffff5555aaaaUL)]
    [InlineData("fors %f1, %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaaccddeeffUL)]
    [InlineData("fors %f0, %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x8899aabb5555aaaaUL)]
    [InlineData("fzerod %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x0000000000000000UL)]
    [InlineData("foned %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffffffffffffffffUL)]
    [InlineData("fsrc1d %f0, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x0011223344556677UL)]
    [InlineData("fsrc2d %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x8899aabbccddeeffUL)]
    [InlineData("fnot1d %f0, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffeeddccbbaa9988UL)]
    [InlineData("fnot2d %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x7766554433221100UL)]
    [InlineData("fzeros %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa00000000UL)]
    [InlineData("fones %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaaffffffffUL)]
    [InlineData("fsrc1s %f1, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa44556677UL)]
    [InlineData("fsrc2s %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaaccddeeffUL)]
    [InlineData("fnot1s %f1, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaabbaa9988UL)]
    [InlineData("fnot2s %f3, %f5", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x5555aaaa33221100UL)]
    [InlineData("fzeros %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x000000005555aaaaUL)]
    [InlineData("fones %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0xffffffff5555aaaaUL)]
    [InlineData("fsrc1s %f0, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x001122335555aaaaUL)]
    [InlineData("fnot2s %f2, %f4", 0x0011223344556677UL, 0x8899aabbccddeeffUL, 0x776655445555aaaaUL)]
    [InlineData("fnord %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x00f00303218400aaUL)]
    [InlineData("fandnot2d %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf000c0c084210055UL)]
    [InlineData("fandnot1d %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x000f0c0c12485500UL)]
    [InlineData("fxord %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf00fcccc96695555UL)]
    [InlineData("fnandd %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf0ffcfcfb7ed55ffUL)]
    [InlineData("fandd %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0f0030304812aa00UL)]
    [InlineData("fxnord %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0ff033336996aaaaUL)]
    [InlineData("fornot2d %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xfff0f3f3edb7aaffUL)]
    [InlineData("fornot1d %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0fff3f3f7bdeffaaUL)]
    [InlineData("ford %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xff0ffcfcde7bff55UL)]
    [InlineData("fnors %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa218400aaUL)]
    [InlineData("fnors %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x00f003035555aaaaUL)]
    [InlineData("fandnot2s %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa84210055UL)]
    [InlineData("fandnot2s %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf000c0c05555aaaaUL)]
    [InlineData("fandnot1s %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa12485500UL)]
    [InlineData("fandnot1s %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x000f0c0c5555aaaaUL)]
    [InlineData("fxors %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa96695555UL)]
    [InlineData("fxors %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf00fcccc5555aaaaUL)]
    [InlineData("fnands %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaab7ed55ffUL)]
    [InlineData("fnands %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf0ffcfcf5555aaaaUL)]
    [InlineData("fands %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa4812aa00UL)]
    [InlineData("fands %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0f0030305555aaaaUL)]
    [InlineData("fxnors %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa6996aaaaUL)]
    [InlineData("fxnors %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0ff033335555aaaaUL)]
    [InlineData("fornot2s %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaaedb7aaffUL)]
    [InlineData("fornot2s %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xfff0f3f35555aaaaUL)]
    [InlineData("fornot1s %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa7bdeffaaUL)]
    [InlineData("fornot1s %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0fff3f3f5555aaaaUL)]
    [InlineData("fors %f1, %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaade7bff55UL)]
    [InlineData("fors %f0, %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xff0ffcfc5555aaaaUL)]
    [InlineData("fzerod %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0000000000000000UL)]
    [InlineData("foned %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xffffffffffffffffUL)]
    [InlineData("fsrc1d %f0, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xff00f0f0cc33aa55UL)]
    [InlineData("fsrc2d %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x0f0f3c3c5a5aff00UL)]
    [InlineData("fnot1d %f0, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x00ff0f0f33cc55aaUL)]
    [InlineData("fnot2d %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf0f0c3c3a5a500ffUL)]
    [InlineData("fzeros %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa00000000UL)]
    [InlineData("fones %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaaffffffffUL)]
    [InlineData("fsrc1s %f1, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaacc33aa55UL)]
    [InlineData("fsrc2s %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa5a5aff00UL)]
    [InlineData("fnot1s %f1, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaa33cc55aaUL)]
    [InlineData("fnot2s %f3, %f5", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x5555aaaaa5a500ffUL)]
    [InlineData("fzeros %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0x000000005555aaaaUL)]
    [InlineData("fones %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xffffffff5555aaaaUL)]
    [InlineData("fsrc1s %f0, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xff00f0f05555aaaaUL)]
    [InlineData("fnot2s %f2, %f4", 0xff00f0f0cc33aa55UL, 0x0f0f3c3c5a5aff00UL, 0xf0f0c3c35555aaaaUL)]
    public void LogicalOp_MatchesQemu(string source, ulong d0, ulong d2, ulong expectedD4)
    {
        var h = RunOne(source, d0, d2, RdBefore);
        Assert.Empty(h.Traps);
        Assert.Equal(expectedD4, h.Strand.GetDouble(4));
        Assert.Equal(d0, h.Strand.GetDouble(0));
        Assert.Equal(d2, h.Strand.GetDouble(2));
    }

    [Fact]
    public void DoubleOp_OnUpperBank_UsesRegisterNumberBit5AndSetsFprsDu()
    {
        // %f62 is encoded as 31 (bit 0 of the field is regnum bit 5), %f32 as 1.
        var h = new StrandHarness().Load("fxord %f32, %f62, %f34");
        h.Strand.Fprs = Strand.FprsFef;
        h.Strand.F[16] = 0x00FF00FF00FF00FFUL;
        h.Strand.F[31] = 0x0F0F0F0F0F0F0F0FUL;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0FF00FF00FF00FF0UL, h.Strand.F[17]);
        Assert.Equal(Strand.FprsFef | Strand.FprsDu, h.Strand.Fprs);
    }

    [Fact]
    public void SingleOp_SetsFprsDlOnly()
    {
        var h = new StrandHarness().Load("fones %f7");
        h.Strand.Fprs = Strand.FprsFef;
        h.Run(1);
        Assert.Equal(0x0000_0000_FFFF_FFFFUL, h.Strand.F[3]);
        Assert.Equal(Strand.FprsFef | Strand.FprsDl, h.Strand.Fprs);
    }

    [Theory]
    [InlineData("fzerod %f4")]
    [InlineData("fands %f1, %f3, %f5")]
    [InlineData("fpadd16 %f0, %f2, %f4")]
    [InlineData("faligndata %f0, %f2, %f4")]
    [InlineData("alignaddr %o0, %o1, %o2")]
    [InlineData("siam 1")]
    public void VisOp_WithFefClear_RaisesFpDisabledAndChangesNothing(string source)
    {
        var h = new StrandHarness().Load(source);
        h.Strand.SetDouble(4, RdBefore);
        h.Strand.Fprs = 0;
        h.Strand.Gsr = 0x1234_0000_0000_0005UL;
        h[Support.Registers.O2] = 77;
        h.Run(1);
        Assert.Equal([TrapType.FpDisabled], h.Traps);
        Assert.Equal(RdBefore, h.Strand.GetDouble(4));
        Assert.Equal(0x1234_0000_0000_0005UL, h.Strand.Gsr);
        Assert.Equal(77UL, h[Support.Registers.O2]);
        Assert.Equal((byte)0, h.Strand.Fprs);
    }

    [Fact]
    public void VisOp_WithPstatePefClear_RaisesFpDisabled()
    {
        var h = new StrandHarness().Load("foned %f4");
        h.Strand.Pstate &= ~State.Pstate.Pef;
        h.Run(1);
        Assert.Equal([TrapType.FpDisabled], h.Traps);
    }
}
