using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class LoadStoreAlternateSpaceTests
{
    private const ulong Data = StrandHarness.DataBase;
    private const ulong Unmapped = 0x7000_0000;

    private static StrandHarness Harness(string source, bool privileged = false)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Data;
        h[G1] = 8;
        h[G2] = 16;
        if (privileged)
        {
            h.Strand.Pstate |= Pstate.Priv;
        }

        return h;
    }

    [Fact]
    public void LoadAlternate_ImmediateAsiOrAsiRegister_ReadsPrimarySpace()
    {
        var h = Harness("ldxa [%o0] #ASI_P, %o1\nwr %g0, 0x81, %asi\nldxa [%o0 + 8] %asi, %o2");
        h.Memory.WriteU64(Data, 0x0102_0304_0506_0708);
        h.Memory.WriteU64(Data + 8, 0x1112_1314_1516_1718);
        h.Run(3);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0102_0304_0506_0708UL, h[O1]);
        Assert.Equal(0x1112_1314_1516_1718UL, h[O2]);
    }

    [Theory]
    [InlineData("lduba [%o0] #ASI_P_L, %o1", 0x80UL)]
    [InlineData("lduha [%o0] #ASI_P_L, %o1", 0x8180UL)]
    [InlineData("ldsha [%o0] #ASI_P_L, %o1", 0xFFFF_FFFF_FFFF_8180UL)]
    [InlineData("lduwa [%o0] #ASI_S_L, %o1", 0x8382_8180UL)]
    [InlineData("ldswa [%o0] #ASI_P_L, %o1", 0xFFFF_FFFF_8382_8180UL)]
    [InlineData("ldxa [%o0] #ASI_P_L, %o1", 0x8786_8584_8382_8180UL)]
    [InlineData("ldxa [%o0] #ASI_PNF_L, %o1", 0x8786_8584_8382_8180UL)]
    public void LittleEndianAsi_SwapsBytesBeforeExtending(string load, ulong expected)
    {
        var h = Harness(load);
        h.Memory.WriteU64(Data, 0x8081_8283_8485_8687);
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(expected, h[O1]);
    }

    [Fact]
    public void LittleEndianStores_WriteLeastSignificantByteFirst()
    {
        var h = Harness("stha %o1, [%o0] #ASI_P_L\nstwa %o1, [%o0 + %g1] #ASI_P_L\nstxa %o1, [%o0 + %g2] #ASI_S_L");
        h[G1] = 4;
        h[G2] = 8;
        h[O1] = 0x0102_0304_0506_0708;
        h.Run(3);
        Assert.Equal(0x0807_0000_0807_0605UL, h.Memory.ReadU64(Data));
        Assert.Equal(0x0807_0605_0403_0201UL, h.Memory.ReadU64(Data + 8));
    }

    [Theory]
    [InlineData("ldxa [%o0] #ASI_PNF, %o1")]
    [InlineData("lduba [%o0 + %g1] #ASI_SNF, %o1")]
    [InlineData("ldswa [%o0] #ASI_PNF_L, %o1")]
    [InlineData("ldtwa [%o0] #ASI_PNF, %o0")]
    public void NonFaultingLoadOfUnmappedAddress_ReturnsZero(string load)
    {
        var h = Harness(load);
        h[O0] = Unmapped;
        h[G1] = 5;
        h[O1] = 0x55;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(0UL, h[load.EndsWith("%o0", StringComparison.Ordinal) ? O0 : O1]);
    }

    [Fact]
    public void NonFaultingLoadOfMappedAddress_ReadsMemory()
    {
        var h = Harness("ldxa [%o0] #ASI_PNF, %o1\nldtwa [%o0] #ASI_SNF, %o2");
        h.Memory.WriteU64(Data, 0xAABB_CCDD_0011_2233);
        h.Run(2);
        Assert.Equal(0xAABB_CCDD_0011_2233UL, h[O1]);
        Assert.Equal(0xAABB_CCDDUL, h[O2]);
        Assert.Equal(0x0011_2233UL, h[O3]);
    }

    [Fact]
    public void NonFaultingLoad_StillChecksAlignment()
    {
        var h = Harness("ldxa [%o0] #ASI_PNF, %o1");
        h[O0] = Unmapped + 4;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Theory]
    [InlineData("stxa %o1, [%o0] #ASI_PNF")]
    [InlineData("stba %o1, [%o0] #ASI_SNF")]
    [InlineData("casa [%o0] #ASI_PNF, %o1, %o2")]
    public void StoreToNonFaultingAsi_RaisesDataAccessException(string store)
    {
        var h = Harness(store);
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(Data, h.Strand.FaultAddress);
        Assert.Equal(0UL, h.Memory.ReadU64(Data));
    }

    [Theory]
    [InlineData("ldxa [%o0] #ASI_N, %o1")]
    [InlineData("stxa %o1, [%o0] 0x20")]
    [InlineData("ldtwa [%o0] #ASI_TWINX_N, %o2")]
    [InlineData("casxa [%o0] 0x10, %o1, %o2")]
    [InlineData("ldxa [%o0] 0x7f, %o1")]
    public void AsiBelow0x80InUserMode_RaisesPrivilegedAction(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.PrivilegedAction], h.Traps);
    }

    [Fact]
    public void AsiRegisterBelow0x80InUserMode_RaisesPrivilegedAction()
    {
        var h = Harness("ldxa [%o0] %asi, %o1");
        h.Strand.Asi = 0x14;
        h.Run(1);
        Assert.Equal([TrapType.PrivilegedAction], h.Traps);
    }

    [Theory]
    [InlineData("ldxa [%o0] 0x04, %o1", TrapType.DataAccessException)]  // ASI_NUCLEUS: with the sun4v machine
    [InlineData("ldxa [%o0] 0x20, %o1", TrapType.DataAccessException)]  // ASI_SCRATCHPAD: likewise
    [InlineData("ldxa [%o0] 0x25, %o1", TrapType.DataAccessException)]  // ASI_QUEUE: likewise
    [InlineData("ldxa [%o0] 0x45, %o1", TrapType.PrivilegedAction)]     // hyperprivileged
    public void PrivilegedModeAsis_NotYetServedOrHyperprivileged_Trap(string access, TrapType expected)
    {
        var h = Harness(access, privileged: true);
        h.Run(1);
        Assert.Equal([expected], h.Traps);
    }

    [Theory]
    [InlineData("ldxa [%o0] 0x90, %o1")]
    [InlineData("stxa %o1, [%o0] 0xfe")]
    [InlineData("ldxa [%o0] #ASI_BLK_P, %o1")]
    [InlineData("ldxa [%o0] #ASI_TWINX_P, %o1")]
    [InlineData("swapa [%o0] #ASI_BLK_P, %o1")]
    public void UnsupportedAsiForTheInstruction_RaisesDataAccessException(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
    }

    [Fact]
    public void TwinLoad_LoadsTwoDoublewordsIntoThePair()
    {
        var h = Harness("ldtwa [%o0] #ASI_TWINX_P, %o2\nldtwa [%o0] #ASI_TWINX_PL, %o4");
        h.Memory.WriteU64(Data, 0x0102_0304_0506_0708);
        h.Memory.WriteU64(Data + 8, 0x1112_1314_1516_1718);
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0102_0304_0506_0708UL, h[O2]);
        Assert.Equal(0x1112_1314_1516_1718UL, h[O3]);
        Assert.Equal(0x0807_0605_0403_0201UL, h[O4]);
        Assert.Equal(0x1817_1615_1413_1211UL, h[O5]);
    }

    [Fact]
    public void TwinLoad_NeedsSixteenByteAlignment()
    {
        var h = Harness("ldtwa [%o0] #ASI_TWINX_S, %o2");
        h[O0] = Data + 8;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
        Assert.Equal(Data + 8, h.Strand.FaultAddress);
    }

    [Fact]
    public void PrivilegedTwinLoad_WorksInPrivilegedMode()
    {
        var h = Harness("ldtwa [%o0] #ASI_TWINX_N, %o2", privileged: true);
        h.Memory.WriteU64(Data, 5);
        h.Memory.WriteU64(Data + 8, 6);
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(5UL, h[O2]);
        Assert.Equal(6UL, h[O3]);
    }

    [Fact]
    public void StoresWithTheBlockInitAsi_AreOrdinaryStores()
    {
        var h = Harness("wr %g0, 0xe2, %asi\nstxa %o1, [%o0] %asi\nstba %o1, [%o0 + %g1] #ASI_TWINX_PL\nsttwa %o2, [%o0 + %g2] #ASI_TWINX_P");
        h[O1] = 0x0102_0304_0506_0708;
        h[O2] = 0xA;
        h[O3] = 0xB;
        h.Run(4);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Data));
        Assert.Equal((byte)0x08, h.Memory.ReadU8(Data + 8));
        Assert.Equal(0x0000_000A_0000_000BUL, h.Memory.ReadU64(Data + 16));
    }

    [Fact]
    public void LittleEndianTwinWordLoadAndStore_SwapEachWord()
    {
        var h = Harness("ldtwa [%o0] #ASI_P_L, %o2\nsttwa %o2, [%o0 + %g1] #ASI_P\nsttwa %o2, [%o0 + %g2] #ASI_P_L");
        h.Memory.WriteU64(Data, 0x0102_0304_0506_0708);
        h.Run(3);
        Assert.Equal(0x0403_0201UL, h[O2]);
        Assert.Equal(0x0807_0605UL, h[O3]);
        Assert.Equal(0x0403_0201_0807_0605UL, h.Memory.ReadU64(Data + 8));
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Data + 16));
    }
}
