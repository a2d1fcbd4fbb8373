using Niagara.Memory;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class LoadStoreTests
{
    private const ulong Data = StrandHarness.DataBase;

    private static StrandHarness Harness(string source)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Data;
        return h;
    }

    [Theory]
    [InlineData("ldub [%o0], %o1", 0x80UL)]
    [InlineData("ldsb [%o0], %o1", 0xFFFF_FFFF_FFFF_FF80UL)]
    [InlineData("lduh [%o0], %o1", 0x8081UL)]
    [InlineData("ldsh [%o0], %o1", 0xFFFF_FFFF_FFFF_8081UL)]
    [InlineData("lduw [%o0], %o1", 0x8081_8283UL)]
    [InlineData("ldsw [%o0], %o1", 0xFFFF_FFFF_8081_8283UL)]
    [InlineData("ldx [%o0], %o1", 0x8081_8283_8485_8687UL)]
    [InlineData("ldsb [%o0 + 9], %o1", 0x09UL)]
    [InlineData("ldsh [%o0 + 8], %o1", 0x0009UL)]
    [InlineData("ldsw [%o0 + 8], %o1", 0x0009_0A0BUL)]
    public void Loads_ReadBigEndianAndExtendBySize(string load, ulong expected)
    {
        var h = Harness(load);
        h.Memory.WriteU64(Data, 0x8081_8283_8485_8687);
        h.Memory.WriteU64(Data + 8, 0x0009_0A0B_0C0D_0E0F);
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(expected, h[O1]);
    }

    [Fact]
    public void Load_AddsRegisterOrImmediateToRs1()
    {
        var h = Harness("ldx [%o0 + %o2], %o1\nldx [%o0 + -8], %o3");
        h[O0] = Data + 8;
        h[O2] = 8;
        h.Memory.WriteU64(Data + 16, 0x1122);
        h.Memory.WriteU64(Data, 0x3344);
        h.Run(2);
        Assert.Equal(0x1122UL, h[O1]);
        Assert.Equal(0x3344UL, h[O3]);
    }

    [Fact]
    public void LoadIntoG0_IsDiscarded()
    {
        var h = Harness("ldx [%o0], %g0\nadd %g0, 1, %o1");
        h.Memory.WriteU64(Data, 0xDEAD);
        h.Run(2);
        Assert.Equal(0UL, h[G0]);
        Assert.Equal(1UL, h[O1]);
    }

    [Fact]
    public void Stores_WriteTheLowBytesBigEndian()
    {
        var h = Harness("stb %o1, [%o0]\nsth %o1, [%o0 + 2]\nstw %o1, [%o0 + 4]\nstx %o1, [%o0 + 8]");
        h[O1] = 0x0102_0304_0506_0708;
        h.Run(4);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0800_0708_0506_0708UL, h.Memory.ReadU64(Data));
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Data + 8));
    }

    [Fact]
    public void StoreOfG0_WritesZero()
    {
        var h = Harness("stx %g0, [%o0]");
        h.Memory.WriteU64(Data, ulong.MaxValue);
        h.Run(1);
        Assert.Equal(0UL, h.Memory.ReadU64(Data));
    }

    [Theory]
    [InlineData("lduh [%o0 + 1], %o1", 1)]
    [InlineData("ldsh [%o0 + 3], %o1", 3)]
    [InlineData("lduw [%o0 + 2], %o1", 2)]
    [InlineData("ldsw [%o0 + 1], %o1", 1)]
    [InlineData("ldx [%o0 + 4], %o1", 4)]
    [InlineData("ldtw [%o0 + 4], %o2", 4)]
    [InlineData("sth %o1, [%o0 + 1]", 1)]
    [InlineData("stw %o1, [%o0 + 2]", 2)]
    [InlineData("stx %o1, [%o0 + 4]", 4)]
    [InlineData("sttw %o2, [%o0 + 4]", 4)]
    public void MisalignedAccess_RaisesMemAddressNotAlignedWithoutEffect(string access, int offset)
    {
        var h = Harness(access);
        h[O1] = 0x55;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
        Assert.Equal(Data + (ulong)offset, h.Strand.FaultAddress);
        Assert.Equal(0x55UL, h[O1]);
        Assert.Equal(0UL, h.Memory.ReadU64(Data));
    }

    [Fact]
    public void Ldtw_LoadsTwoWordsIntoAnEvenOddPair()
    {
        var h = Harness("ldtw [%o0], %o2");
        h.Memory.WriteU64(Data, 0x8000_0001_FFFF_FFFE);
        h.Run(1);
        Assert.Equal(0x8000_0001UL, h[O2]);
        Assert.Equal(0xFFFF_FFFEUL, h[O3]);
    }

    [Fact]
    public void Ldtw_IntoG0_DiscardsTheFirstWordAndLoadsG1()
    {
        var h = Harness("ldtw [%o0], %g0");
        h.Memory.WriteU64(Data, 0x1111_1111_2222_2222);
        h.Run(1);
        Assert.Equal(0UL, h[G0]);
        Assert.Equal(0x2222_2222UL, h[G1]);
    }

    [Fact]
    public void Sttw_StoresTheLowWordsOfThePair()
    {
        var h = Harness("sttw %o2, [%o0]");
        h[O2] = 0xAAAA_AAAA_1234_5678;
        h[O3] = 0xBBBB_BBBB_9ABC_DEF0;
        h.Run(1);
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, h.Memory.ReadU64(Data));
    }

    [Theory]
    [InlineData(0xD61A_0000u)] // ldtw [%o0], %o3
    [InlineData(0xD63A_0000u)] // sttw %o3, [%o0]
    [InlineData(0xD69A_1000u)] // ldtwa [%o0] #ASI_P, %o3
    public void TwinWordWithOddRd_RaisesIllegalInstruction(uint word)
    {
        var h = Harness($".word 0x{word:x8}");
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Fact]
    public void LoadFromUnmappedMemory_RaisesDataAccessExceptionWithFaultAddress()
    {
        var h = Harness("ldx [%o0], %o1");
        h[O0] = 0x4000_0000;
        h[O1] = 7;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x4000_0000UL, h.Strand.FaultAddress);
        Assert.Equal(7UL, h[O1]);
        Assert.Equal(0UL, h.Strand.Retired);
    }

    [Fact]
    public void StoreToReadOnlyMemory_RaisesDataAccessException()
    {
        var h = Harness("stx %o1, [%o0 + 8]");
        h.Memory.Map(0x20_0000, MemoryPage.Size, PageAccess.Read);
        h[O0] = 0x20_0000;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x20_0008UL, h.Strand.FaultAddress);
    }

    [Theory]
    [InlineData("prefetch [%o0], 0")]
    [InlineData("prefetch [%o0 + 1], #one_write")]
    [InlineData("prefetch [%o0], 16")]
    [InlineData("prefetch [%o0], 31")]
    [InlineData("prefetcha [%o0] #ASI_P, 1")]
    [InlineData("prefetcha [%o0] 0x04, 1")]
    public void Prefetch_NeverFaultsAndChangesNothing(string prefetch)
    {
        var h = Harness(prefetch + "\nmov 1, %o1");
        h[O0] = 0x7000_0003; // unmapped and misaligned
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(1UL, h[O1]);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    public void PrefetchWithReservedFunction_RaisesIllegalInstruction(int fcn)
    {
        var h = Harness($"prefetch [%o0], {fcn}");
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Theory]
    [InlineData(true, 2UL)]
    [InlineData(false, 1UL)]
    public void Flush_MakesTheStrandRefetchCodeChangedBehindItsBack(bool flush, ulong expected)
    {
        // The code page is decoded by the first nop; the next instruction is then rewritten
        // in the page's bytes directly (as another agent would), which the page cache cannot see.
        var h = Harness($"nop\n{(flush ? "flush %o0" : "nop")}\nmov 1, %o1");
        h[O0] = StrandHarness.CodeBase + 8;
        h.Run(1);
        uint replacement = GasAssembler.Assemble("mov 2, %o1")[0];
        Span<byte> code = h.Memory.TryGetPage(StrandHarness.CodeBase)!.Data;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(code[8..], replacement);
        h.Run(2);
        Assert.Equal(expected, h[O1]);
    }

    [Fact]
    public void StoreThenFlush_ExecutesTheNewInstruction()
    {
        var h = Harness("st %o2, [%o0]\nflush %o0\nmov 1, %o1");
        h[O0] = StrandHarness.CodeBase + 8;
        h[O2] = GasAssembler.Assemble("mov 3, %o1")[0];
        h.Run(3);
        Assert.Empty(h.Traps);
        Assert.Equal(3UL, h[O1]);
    }

    [Fact]
    public void FlushOfUnmappedAddress_DoesNotFault()
    {
        var h = Harness("flush %o0 + 4\nmov 1, %o1");
        h[O0] = 0x7000_0000;
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(1UL, h[O1]);
    }
}
