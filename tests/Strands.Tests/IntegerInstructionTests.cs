using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class IntegerInstructionTests
{
    private static StrandHarness RunCode(string source, ulong count)
    {
        var h = new StrandHarness().Load(source);
        h.Run(count);
        return h;
    }

    [Fact]
    public void AddAndSubtract_ComputeOn64Bits()
    {
        var h = RunCode("mov 5, %o0\nadd %o0, 3, %o1\nsub %o0, 7, %o2\nsetx 0x7fffffffffffffff, %g1, %o3\ninc %o3", 10);
        Assert.Equal(8UL, h[O1]);
        Assert.Equal(unchecked((ulong)-2L), h[O2]);
        Assert.Equal(0x8000000000000000UL, h[O3]);
    }

    [Fact]
    public void WriteToG0_IsDiscarded()
    {
        var h = RunCode("mov 5, %g0\nadd %g0, 1, %o0", 2);
        Assert.Equal(0UL, h[G0]);
        Assert.Equal(1UL, h[O0]);
    }

    [Theory]
    [InlineData(1L, 1L, 0x44)]                 // equal: icc.Z, xcc.Z
    [InlineData(0L, 1L, 0x99)]                 // borrow: N and C in both
    [InlineData(0x80000000L, 1L, 0x02)]        // icc.V: 32-bit signed overflow, xcc clean
    public void Subcc_SetsIccAndXcc(long a, long b, int expectedCcr)
    {
        var h = new StrandHarness().Load("subcc %o0, %o1, %o2\nrd %ccr, %o3");
        h[O0] = (ulong)a;
        h[O1] = (ulong)b;
        h.Run(2);
        Assert.Equal((ulong)expectedCcr, h[O3]);
    }

    [Fact]
    public void Shifts_UseFiveOrSixBitCounts()
    {
        var h = new StrandHarness().Load("mov 33, %g2\nsll %o0, %g2, %o1\nsllx %o0, 33, %o2\nsrl %o3, 4, %o4\nsra %o3, 4, %o5\nsrax %o3, 4, %g1");
        h[O0] = 1;
        h[O3] = 0xFFFF_FFFF_8000_0000;
        h.Run(6);
        Assert.Equal(2UL, h[O1]);               // sll uses count & 31
        Assert.Equal(1UL << 33, h[O2]);
        Assert.Equal(0x0800_0000UL, h[O4]);     // srl zero-extends the low word
        Assert.Equal(0xFFFF_FFFF_F800_0000UL, h[O5]);
        Assert.Equal(0xFFFF_FFFF_F800_0000UL, h[G1]);
    }

    [Fact]
    public void Udiv_UsesYAsHighWordAndSaturates()
    {
        var h = new StrandHarness().Load("wr %g0, 1, %y\nnop\nnop\nnop\nudiv %o0, 2, %o1\nudivcc %o0, 1, %o2\nrd %ccr, %o3");
        h[O0] = 0;
        h.Run(7);
        Assert.Equal(0x8000_0000UL, h[O1]);                 // 0x1_0000_0000 / 2
        Assert.Equal(0xFFFF_FFFFUL, h[O2]);                 // 0x1_0000_0000 / 1 overflows 32 bits
        Assert.Equal(0x0AUL, h[O3] & 0x0F);                  // icc.V on overflow, icc.N from bit 31 of 0xffffffff
    }

    [Fact]
    public void SdivxByZero_RaisesDivisionByZero()
    {
        var h = new StrandHarness().Load("sdivx %o0, %g0, %o1");
        h.Run(1);
        Assert.Equal([TrapType.DivisionByZero], h.Traps);
    }

    [Fact]
    public void Umul_WritesHighWordToY()
    {
        var h = new StrandHarness().Load("umul %o0, %o1, %o2\nrd %y, %o3\nsmul %o0, %o1, %o4");
        h[O0] = 0xFFFF_FFFF;
        h[O1] = 2;
        h.Run(3);
        Assert.Equal(0x1_FFFF_FFFEUL, h[O2]);
        Assert.Equal(1UL, h[O3]);
        Assert.Equal(unchecked((ulong)-2L), h[O4]);
    }

    [Fact]
    public void Popc_CountsBits()
    {
        var h = new StrandHarness().Load("popc %o0, %o1");
        h[O0] = 0xF0F0_0000_0000_0001;
        h.Run(1);
        Assert.Equal(9UL, h[O1]);
    }

    [Fact]
    public void MovccAndMovr_MoveOnlyWhenConditionHolds()
    {
        var h = new StrandHarness().Load("cmp %o0, 5\nmove %icc, 1, %o1\nmovne %xcc, 1, %o2\nmovrz %o3, 7, %o4\nmovrnz %o3, 7, %o5");
        h[O0] = 5;
        h.Run(5);
        Assert.Equal(1UL, h[O1]);
        Assert.Equal(0UL, h[O2]);
        Assert.Equal(7UL, h[O4]);
        Assert.Equal(0UL, h[O5]);
    }

    [Fact]
    public void AddxccAfterLogicalCc_UsesAddFlags()
    {
        // qemu 7.2 gets this wrong (reports the logical flags); V9 A.2 gives the add's flags.
        var h = new StrandHarness().Load("andcc %g0, %g0, %g0\naddxcc %o0, %o0, %o2\nrd %ccr, %o3");
        h[O0] = 0xb7b9aafde7bfad38;
        h.Run(3);
        Assert.Equal(0x39UL, h[O3]);
    }
}
