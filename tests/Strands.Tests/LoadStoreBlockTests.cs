using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class LoadStoreBlockTests
{
    private const ulong Source = StrandHarness.DataBase;
    private const ulong Destination = StrandHarness.DataBase + 0x100;

    private static StrandHarness Harness(string source)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Source;
        h[O1] = Destination;
        h[G1] = 8;
        h[G2] = 32;
        h[G3] = 4;
        h[L0] = 3;
        h[L1] = 2;
        h[L2] = 6;
        h[L3] = 1;
        for (ulong k = 0; k < 8; k++)
        {
            h.Memory.WriteU64(Source + (8 * k), 0x0101_0101_0101_0101UL * (k + 1));
        }

        return h;
    }

    [Theory]
    [InlineData("%f0", 0)]
    [InlineData("%f16", 8)]
    [InlineData("%f32", 16)]
    [InlineData("%f48", 24)]
    public void BlockLoad_FillsEightDoubleRegisters(string register, int first)
    {
        var h = Harness($"ldda [%o0] #ASI_BLK_P, {register}");
        h.Run(1);
        Assert.Empty(h.Traps);
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(0x0101_0101_0101_0101UL * (ulong)(k + 1), h.Strand.F[first + k]);
        }
    }

    [Theory]
    [InlineData("#ASI_BLK_P")]
    [InlineData("#ASI_BLK_S")]
    [InlineData("#ASI_BLK_COMMIT_P")]
    [InlineData("#ASI_BLK_COMMIT_S")]
    public void BlockLoadThenBlockStore_CopiesSixtyFourBytes(string storeAsi)
    {
        var h = Harness($"ldda [%o0] #ASI_BLK_S, %f16\nstda %f16, [%o1] {storeAsi}");
        h.Run(2);
        Assert.Empty(h.Traps);
        for (ulong k = 0; k < 8; k++)
        {
            Assert.Equal(h.Memory.ReadU64(Source + (8 * k)), h.Memory.ReadU64(Destination + (8 * k)));
        }
    }

    [Fact]
    public void LittleEndianBlockLoad_SwapsEachDouble()
    {
        var h = Harness("ldda [%o0] #ASI_BLK_PL, %f0\nstda %f0, [%o1] #ASI_BLK_SL");
        h.Memory.WriteU64(Source + 8, 0x0102_0304_0506_0708);
        h.Run(2);
        Assert.Equal(0x0807_0605_0403_0201UL, h.Strand.F[1]);
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Destination + 8));
    }

    [Theory]
    [InlineData("ldda [%o0 + %g1] #ASI_BLK_P, %f0")]
    [InlineData("stda %f0, [%o1 + %g2] #ASI_BLK_P")]
    [InlineData("stda %f0, [%o1 + %g3] #ASI_BLK_COMMIT_P")]
    public void BlockTransfer_NeedsSixtyFourByteAlignment(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Theory]
    [InlineData("ldda [%o0] #ASI_BLK_P, %f8")]
    [InlineData("ldda [%o0] #ASI_BLK_P, %f2")]
    [InlineData("stda %f40, [%o1] #ASI_BLK_P")]
    public void BlockTransfer_OfRegistersNotStartingAnEightDoubleGroup_IsIllegal(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Fact]
    public void BlockLoadOfUnmappedMemory_FaultsBeforeWritingRegisters()
    {
        var h = Harness("ldda [%o0] #ASI_BLK_P, %f0");
        h[O0] = 0x7000_0000;
        h.Strand.F[0] = 42;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x7000_0000UL, h.Strand.FaultAddress);
        Assert.Equal(42UL, h.Strand.F[0]);
    }

    [Theory]
    [InlineData("#ASI_PST8_P", 0b1000_0001UL, 0x11AA_AAAA_AAAA_AA88UL)]
    [InlineData("#ASI_PST16_P", 0b0110UL, 0xAAAA_3344_5566_AAAAUL)]
    [InlineData("#ASI_PST32_P", 0b01UL, 0xAAAA_AAAA_5566_7788UL)]
    [InlineData("#ASI_PST8_PL", 0b0000_0011UL, 0x8877_AAAA_AAAA_AAAAUL)]
    [InlineData("#ASI_PST16_SL", 0b1000UL, 0xAAAA_AAAA_AAAA_2211UL)]
    public void PartialStore_WritesOnlyTheMaskedBytes(string asi, ulong mask, ulong expected)
    {
        var h = Harness($"stda %f0, [%o1 + %o2] {asi}");
        h.Memory.WriteU64(Destination, 0xAAAA_AAAA_AAAA_AAAA);
        h.Strand.F[0] = 0x1122_3344_5566_7788;
        h[O2] = mask;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(expected, h.Memory.ReadU64(Destination));
    }

    [Fact]
    public void PartialStoreWithAsiRegister_IsIllegal()
    {
        var h = Harness("stda %f0, [%o1 + 0] %asi");
        h.Strand.Asi = 0xC0;
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Fact]
    public void ShortFloatLoadsAndStores_MoveEightOrSixteenBits()
    {
        var h = Harness("ldda [%o0 + %l0] #ASI_FL8_P, %f0\nldda [%o0 + %l1] #ASI_FL16_PL, %f2\nstda %f2, [%o1 + %l2] #ASI_FL16_S\nstda %f0, [%o1 + %l3] #ASI_FL8_S");
        h.Memory.WriteU64(Source, 0x1122_3344_5566_7788);
        h.Run(4);
        Assert.Empty(h.Traps);
        Assert.Equal(0x44UL, h.Strand.F[0]);
        Assert.Equal(0x4433UL, h.Strand.F[1]);
        Assert.Equal(0x0044_0000_0000_4433UL, h.Memory.ReadU64(Destination));
    }

    [Fact]
    public void ShortSixteenBitAccess_NeedsHalfwordAlignment()
    {
        var h = Harness("ldda [%o0 + %l3] #ASI_FL16_P, %f0");
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }
}
