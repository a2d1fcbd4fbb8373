using Niagara.Memory;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class AtomicTests
{
    private const ulong Data = StrandHarness.DataBase;

    private static StrandHarness Harness(string source)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Data;
        return h;
    }

    [Fact]
    public void Casa_WhenMemoryEqualsRs2_StoresRdAndReturnsOldValue()
    {
        var h = Harness("casa [%o0] #ASI_P, %o1, %o2");
        h.Memory.WriteU32(Data, 5);
        h[O1] = 0xFFFF_FFFF_0000_0005; // only the low word is compared
        h[O2] = 9;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(9u, h.Memory.ReadU32(Data));
        Assert.Equal(5UL, h[O2]);
    }

    [Fact]
    public void Casa_WhenMemoryDiffers_LeavesMemoryAndReturnsIt()
    {
        var h = Harness("cas [%o0], %o1, %o2");
        h.Memory.WriteU32(Data, 0x8000_0007);
        h[O1] = 5;
        h[O2] = 9;
        h.Run(1);
        Assert.Equal(0x8000_0007u, h.Memory.ReadU32(Data));
        Assert.Equal(0x8000_0007UL, h[O2]); // zero-extended
    }

    [Theory]
    [InlineData(0x1_0000_0005UL, true)]
    [InlineData(0x0_0000_0005UL, false)]
    public void Casxa_ComparesAll64Bits(ulong compare, bool swapped)
    {
        var h = Harness("casxa [%o0] #ASI_P, %o1, %o2");
        h.Memory.WriteU64(Data, 0x1_0000_0005);
        h[O1] = compare;
        h[O2] = 0xABCD;
        h.Run(1);
        Assert.Equal(swapped ? 0xABCDUL : 0x1_0000_0005UL, h.Memory.ReadU64(Data));
        Assert.Equal(0x1_0000_0005UL, h[O2]);
    }

    [Fact]
    public void Casxa_WithIBitSet_UsesTheAsiRegister()
    {
        var h = Harness("casxa [%o0] %asi, %o1, %o2");
        h.Strand.Asi = 0x88; // ASI_PL
        h.Memory.WriteU64(Data, 0x0807_0605_0403_0201);
        h[O1] = 0x0102_0304_0506_0708;
        h[O2] = 0x1122_3344_5566_7788;
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0102_0304_0506_0708UL, h[O2]);
        Assert.Equal(0x8877_6655_4433_2211UL, h.Memory.ReadU64(Data));
    }

    [Fact]
    public void CasWithRdG0_SwapsInZeroAndDiscardsTheResult()
    {
        var h = Harness("casx [%o0], %o1, %g0");
        h.Memory.WriteU64(Data, 3);
        h[O1] = 3;
        h.Run(1);
        Assert.Equal(0UL, h.Memory.ReadU64(Data));
        Assert.Equal(0UL, h[G0]);
    }

    [Theory]
    [InlineData("casa [%o0] #ASI_P, %o1, %o2", 2)]
    [InlineData("casxa [%o0] #ASI_P, %o1, %o2", 4)]
    [InlineData("swap [%o0], %o2", 2)]
    [InlineData("swapa [%o0] #ASI_P, %o2", 6)]
    public void AtomicsOnMisalignedAddresses_RaiseMemAddressNotAligned(string access, int offset)
    {
        var h = Harness(access);
        h[O0] = Data + (ulong)offset;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Fact]
    public void Casa_OnReadOnlyMemory_RaisesDataAccessException()
    {
        var h = Harness("casa [%o0] #ASI_P, %o1, %o2");
        h.Memory.Map(0x20_0000, MemoryPage.Size, PageAccess.Read);
        h[O0] = 0x20_0010;
        h[O2] = 77;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x20_0010UL, h.Strand.FaultAddress);
        Assert.Equal(77UL, h[O2]);
    }

    [Fact]
    public void Ldstub_ReturnsTheByteAndSetsItToFF()
    {
        var h = Harness("ldstub [%o0 + 1], %o1\nldstub [%o0 + 1], %o2\nldstuba [%o0 + %g1] #ASI_P, %o3");
        h.Memory.WriteU32(Data, 0x0012_3400);
        h[G1] = 2;
        h.Run(3);
        Assert.Empty(h.Traps);
        Assert.Equal(0x12UL, h[O1]);
        Assert.Equal(0xFFUL, h[O2]);
        Assert.Equal(0x34UL, h[O3]);
        Assert.Equal(0x00FF_FF00u, h.Memory.ReadU32(Data));
    }

    [Fact]
    public void Swap_ExchangesRdWithTheWord()
    {
        var h = Harness("swap [%o0], %o1\nswapa [%o0 + %g1] #ASI_P_L, %o2");
        h.Memory.WriteU64(Data, 0x8000_0001_0102_0304);
        h[G1] = 4;
        h[O1] = 0xFFFF_FFFF_0000_0042;
        h[O2] = 0x1122_3344;
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(0x8000_0001UL, h[O1]);
        Assert.Equal(0x0403_0201UL, h[O2]);
        Assert.Equal(0x0000_0042_4433_2211UL, h.Memory.ReadU64(Data));
    }

    [Fact]
    public async Task CasLoop_FromTwoStrandsOnHostThreads_CountsEveryIncrement()
    {
        // Two strands over one memory, each adding 1 with a CASX retry loop 2000 times.
        const string loop = "mov 2000, %o3\n1: ldx [%o0], %o1\nadd %o1, 1, %o2\ncasx [%o0], %o1, %o2\ncmp %o1, %o2\nbne,pn %xcc, 1b\nnop\nsubcc %o3, 1, %o3\nbne,pt %xcc, 1b\nnop\nta 0";
        var first = Harness(loop);
        var second = new Strand(1, first.Memory, new StrandHarness());
        second.Pc = StrandHarness.CodeBase;
        second.Npc = StrandHarness.CodeBase + 4;
        second.SetRegister(O0, Data);
        var t1 = Task.Run(() => first.Run(1_000_000));
        var t2 = Task.Run(() => second.Run(1_000_000));
        await Task.WhenAll(t1, t2);
        Assert.Equal(4000UL, first.Memory.ReadU64(Data));
    }
}
