using Niagara.Strands.Tests.Support;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

/// <summary>ALIGNADDRESS{_LITTLE}, FALIGNDATA and SIAM. Expected values from qemu-sparc64 7.2 (except SIAM, which qemu 7.2 does not implement).</summary>
public class VisAlignTests
{
    [Theory]
    [InlineData(0x0000000000000000UL, 0x0011223344556677UL)]
    [InlineData(0x0000000000000001UL, 0x1122334455667788UL)]
    [InlineData(0x0000000000000002UL, 0x2233445566778899UL)]
    [InlineData(0x0000000000000003UL, 0x33445566778899aaUL)]
    [InlineData(0x0000000000000004UL, 0x445566778899aabbUL)]
    [InlineData(0x0000000000000005UL, 0x5566778899aabbccUL)]
    [InlineData(0x0000000000000006UL, 0x66778899aabbccddUL)]
    [InlineData(0x0000000000000007UL, 0x778899aabbccddeeUL)]
    [InlineData(0xabcd0000000000fdUL, 0x5566778899aabbccUL)]  // only GSR.align (2:0) matters
    public void AlignData_ExtractsEightBytesAtGsrAlign(ulong gsr, ulong expected)
    {
        var h = new StrandHarness().Load("faligndata %f0, %f2, %f4");
        h.Strand.SetDouble(0, 0x0011223344556677UL);
        h.Strand.SetDouble(2, 0x8899aabbccddeeffUL);
        h.Strand.Gsr = gsr;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(expected, h.Strand.GetDouble(4));
        Assert.Equal(gsr, h.Strand.Gsr);
    }

    [Theory]
    [InlineData("alignaddr", 0x0000000000001000UL, 0x0000000000000002UL, 0x0000000000001000UL, 0xdeadbeef000000faUL)]
    [InlineData("alignaddrl", 0x0000000000001000UL, 0x0000000000000002UL, 0x0000000000001000UL, 0xdeadbeef000000feUL)]
    [InlineData("alignaddr", 0x0000000000001000UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000f8UL)]
    [InlineData("alignaddrl", 0x0000000000001000UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000f8UL)]
    [InlineData("alignaddr", 0x0000000000001000UL, 0xfffffffffffffffeUL, 0x0000000000000ff8UL, 0xdeadbeef000000feUL)]
    [InlineData("alignaddrl", 0x0000000000001000UL, 0xfffffffffffffffeUL, 0x0000000000000ff8UL, 0xdeadbeef000000faUL)]
    [InlineData("alignaddr", 0x0000000000001001UL, 0x0000000000000002UL, 0x0000000000001000UL, 0xdeadbeef000000fbUL)]
    [InlineData("alignaddrl", 0x0000000000001001UL, 0x0000000000000002UL, 0x0000000000001000UL, 0xdeadbeef000000fdUL)]
    [InlineData("alignaddr", 0x0000000000001001UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddrl", 0x0000000000001001UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddr", 0x0000000000001001UL, 0xfffffffffffffffeUL, 0x0000000000000ff8UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddrl", 0x0000000000001001UL, 0xfffffffffffffffeUL, 0x0000000000000ff8UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddr", 0x0000000000001007UL, 0x0000000000000002UL, 0x0000000000001008UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddrl", 0x0000000000001007UL, 0x0000000000000002UL, 0x0000000000001008UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddr", 0x0000000000001007UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddrl", 0x0000000000001007UL, 0x0000000000000000UL, 0x0000000000001000UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddr", 0x0000000000001007UL, 0xfffffffffffffffeUL, 0x0000000000001000UL, 0xdeadbeef000000fdUL)]
    [InlineData("alignaddrl", 0x0000000000001007UL, 0xfffffffffffffffeUL, 0x0000000000001000UL, 0xdeadbeef000000fbUL)]
    [InlineData("alignaddr", 0xfffffffffffffffdUL, 0x0000000000000002UL, 0xfffffffffffffff8UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddrl", 0xfffffffffffffffdUL, 0x0000000000000002UL, 0xfffffffffffffff8UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddr", 0xfffffffffffffffdUL, 0x0000000000000000UL, 0xfffffffffffffff8UL, 0xdeadbeef000000fdUL)]
    [InlineData("alignaddrl", 0xfffffffffffffffdUL, 0x0000000000000000UL, 0xfffffffffffffff8UL, 0xdeadbeef000000fbUL)]
    [InlineData("alignaddr", 0xfffffffffffffffdUL, 0xfffffffffffffffeUL, 0xfffffffffffffff8UL, 0xdeadbeef000000fbUL)]
    [InlineData("alignaddrl", 0xfffffffffffffffdUL, 0xfffffffffffffffeUL, 0xfffffffffffffff8UL, 0xdeadbeef000000fdUL)]
    [InlineData("alignaddr", 0x0123456789abcdefUL, 0x0000000000000002UL, 0x0123456789abcdf0UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddrl", 0x0123456789abcdefUL, 0x0000000000000002UL, 0x0123456789abcdf0UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddr", 0x0123456789abcdefUL, 0x0000000000000000UL, 0x0123456789abcde8UL, 0xdeadbeef000000ffUL)]
    [InlineData("alignaddrl", 0x0123456789abcdefUL, 0x0000000000000000UL, 0x0123456789abcde8UL, 0xdeadbeef000000f9UL)]
    [InlineData("alignaddr", 0x0123456789abcdefUL, 0xfffffffffffffffeUL, 0x0123456789abcde8UL, 0xdeadbeef000000fdUL)]
    [InlineData("alignaddrl", 0x0123456789abcdefUL, 0xfffffffffffffffeUL, 0x0123456789abcde8UL, 0xdeadbeef000000fbUL)]
    [InlineData("alignaddr", 0x0000000000001ffeUL, 0x0000000000000002UL, 0x0000000000002000UL, 0xdeadbeef000000f8UL)]
    [InlineData("alignaddrl", 0x0000000000001ffeUL, 0x0000000000000002UL, 0x0000000000002000UL, 0xdeadbeef000000f8UL)]
    [InlineData("alignaddr", 0x0000000000001ffeUL, 0x0000000000000000UL, 0x0000000000001ff8UL, 0xdeadbeef000000feUL)]
    [InlineData("alignaddrl", 0x0000000000001ffeUL, 0x0000000000000000UL, 0x0000000000001ff8UL, 0xdeadbeef000000faUL)]
    [InlineData("alignaddr", 0x0000000000001ffeUL, 0xfffffffffffffffeUL, 0x0000000000001ff8UL, 0xdeadbeef000000fcUL)]
    [InlineData("alignaddrl", 0x0000000000001ffeUL, 0xfffffffffffffffeUL, 0x0000000000001ff8UL, 0xdeadbeef000000fcUL)]
    public void AlignAddress_MatchesQemu(string mnemonic, ulong rs1, ulong rs2, ulong expectedRd, ulong expectedGsr)
    {
        var h = new StrandHarness().Load($"{mnemonic} %o0, %o1, %o2");
        h[O0] = rs1;
        h[O1] = rs2;
        h.Strand.Gsr = 0xdeadbeef000000f8UL;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(expectedRd, h[O2]);
        Assert.Equal(expectedGsr, h.Strand.Gsr);
    }

    [Fact]
    public void AlignAddress_ToG0_StillSetsGsrAlign()
    {
        var h = new StrandHarness().Load("alignaddrl %o0, %g0, %g0");
        h[O0] = 0x1003;
        h.Run(1);
        Assert.Equal(0UL, h[G0]);
        Assert.Equal(5UL, h.Strand.Gsr);
    }

    [Fact]
    public void AlignAddressThenAlignData_ExtractsTheMisalignedDoubleword()
    {
        // glibc's memcpy idiom: alignaddr, two aligned 8-byte loads (given here), faligndata.
        var h = new StrandHarness().Load("alignaddr %o0, %g0, %o1\nfaligndata %f0, %f2, %f4");
        h.Strand.SetDouble(0, 0x1011121314151617UL);  // bytes at DataBase + 0..7
        h.Strand.SetDouble(2, 0x18191a1b1c1d1e1fUL);  // bytes at DataBase + 8..15
        h[O0] = StrandHarness.DataBase + 3;
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(StrandHarness.DataBase, h[O1]);
        Assert.Equal(0x131415161718191aUL, h.Strand.GetDouble(4));
    }

    [Theory]
    [InlineData("siam 0", 0x0000000000000000UL)]
    [InlineData("siam 1", 0x0000000002000000UL)]
    [InlineData("siam 2", 0x0000000004000000UL)]
    [InlineData("siam 3", 0x0000000006000000UL)]
    [InlineData("siam 4", 0x0000000008000000UL)]
    [InlineData("siam 7", 0x000000000e000000UL)]
    public void Siam_SetsGsrImAndIrndOnly(string source, ulong modeBits)
    {
        // UA2005 SIAM: GSR.im (27) = mode<2>, GSR.irnd (26:25) = mode<1:0>; mask, scale, align kept.
        var h = new StrandHarness().Load(source);
        h.Strand.Gsr = 0xffffffff0e0000ffUL;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(0xffffffff000000ffUL | modeBits, h.Strand.Gsr);
    }
}
