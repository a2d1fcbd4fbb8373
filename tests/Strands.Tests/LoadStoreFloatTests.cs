using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

public class LoadStoreFloatTests
{
    private const ulong Data = StrandHarness.DataBase;

    private static StrandHarness Harness(string source)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Data;
        h[G1] = 8;
        h[G2] = 16;
        h[G3] = 4;
        h[G4] = 12;
        return h;
    }

    [Fact]
    public void SingleAndDoubleLoads_FillTheFloatingPointRegisters()
    {
        var h = Harness("ld [%o0], %f1\nldd [%o0 + 8], %f4\nldd [%o0 + 16], %f62");
        h.Memory.WriteU32(Data, 0x3F80_0000);
        h.Memory.WriteU64(Data + 8, 0x4000_0000_0000_0001);
        h.Memory.WriteU64(Data + 16, 0xC000_0000_0000_0002);
        h.Run(3);
        Assert.Empty(h.Traps);
        Assert.Equal(0x3F80_0000u, h.Strand.GetSingle(1));
        Assert.Equal(0x4000_0000_0000_0001UL, h.Strand.F[2]);
        Assert.Equal(0xC000_0000_0000_0002UL, h.Strand.F[31]);
        Assert.Equal(Strand.FprsFef | Strand.FprsDl | Strand.FprsDu, h.Strand.Fprs);
    }

    [Fact]
    public void SingleAndDoubleStores_WriteTheRegistersBigEndian()
    {
        var h = Harness("st %f3, [%o0]\nstd %f32, [%o0 + 8]");
        h.Strand.F[1] = 0x1111_1111_2222_2222;
        h.Strand.F[16] = 0x0102_0304_0506_0708;
        h.Run(2);
        Assert.Equal(0x2222_2222u, h.Memory.ReadU32(Data));
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Data + 8));
    }

    [Theory]
    [InlineData("ldd [%o0 + 4], %f0", TrapType.LddfMemAddressNotAligned)]
    [InlineData("std %f0, [%o0 + 4]", TrapType.StdfMemAddressNotAligned)]
    [InlineData("ldda [%o0 + %g3] #ASI_P, %f0", TrapType.LddfMemAddressNotAligned)]
    [InlineData("stda %f0, [%o0 + %g4] #ASI_P", TrapType.StdfMemAddressNotAligned)]
    [InlineData("ldd [%o0 + 2], %f0", TrapType.MemAddressNotAligned)]
    [InlineData("std %f0, [%o0 + 6]", TrapType.MemAddressNotAligned)]
    [InlineData("ld [%o0 + 2], %f0", TrapType.MemAddressNotAligned)]
    [InlineData("st %f0, [%o0 + 1]", TrapType.MemAddressNotAligned)]
    public void MisalignedFloatAccess_RaisesTheT1AlignmentTrap(string access, TrapType expected)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([expected], h.Traps);
    }

    [Theory]
    [InlineData("ld [%o0], %f0")]
    [InlineData("ldd [%o0], %f0")]
    [InlineData("st %f0, [%o0]")]
    [InlineData("std %f0, [%o0]")]
    [InlineData("ld [%o0], %fsr")]
    [InlineData("stx %fsr, [%o0]")]
    [InlineData("lda [%o0] #ASI_P, %f0")]
    [InlineData("ldda [%o0] #ASI_BLK_P, %f0")]
    [InlineData("stda %f0, [%o0] #ASI_BLK_P")]
    public void FloatAccessWithFpuDisabled_RaisesFpDisabled(string access)
    {
        var h = Harness(access);
        h.Strand.Fprs = 0;
        h.Run(1);
        Assert.Equal([TrapType.FpDisabled], h.Traps);

        var p = Harness(access);
        p.Strand.Pstate &= ~Pstate.Pef;
        p.Run(1);
        Assert.Equal([TrapType.FpDisabled], p.Traps);
    }

    [Theory]
    [InlineData("ldq [%o0], %f0")]
    [InlineData("stq %f0, [%o0]")]
    [InlineData("ldqa [%o0] #ASI_P, %f0")]
    [InlineData(".word 0xc1b21000")] // stqa %f0, [%o0] #ASI_P
    public void QuadLoadsAndStores_RaiseIllegalInstructionEvenWithFpuDisabled(string access)
    {
        var h = Harness(access);
        h.Strand.Fprs = 0;
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
    }

    [Fact]
    public void Ldfsr_WritesOnlyTheWritableLowFields()
    {
        var h = Harness("ld [%o0], %fsr");
        // Current FSR: fcc3..1 set, ver 7, ftt 3. Memory: all ones.
        h.Strand.Fsr = 0x3F_0000_0000UL | (7UL << 17) | (3UL << 14);
        h.Memory.WriteU32(Data, 0xFFFF_FFFF);
        h.Run(1);
        Assert.Empty(h.Traps);
        Assert.Equal(0x3F_0000_0000UL | (7UL << 17) | (3UL << 14) | 0xCF80_0FFFUL, h.Strand.Fsr);
    }

    [Fact]
    public void Ldxfsr_AlsoWritesFcc1To3()
    {
        var h = Harness("ldx [%o0], %fsr");
        h.Strand.Fsr = 0x3F_0000_0000UL | (2UL << 17);
        h.Memory.WriteU64(Data, 0x0000_0015_4000_0400);
        h.Run(1);
        Assert.Equal(0x15_4000_0400UL | (2UL << 17), h.Strand.Fsr);
    }

    [Fact]
    public void Stfsr_StoresLowWordAndStxfsr_StoresAll64Bits()
    {
        var h = Harness("st %fsr, [%o0]\nstx %fsr, [%o0 + 8]");
        h.Strand.Fsr = 0x0000_0015_C000_0C1FUL;
        h.Run(2);
        Assert.Equal(0xC000_0C1Fu, h.Memory.ReadU32(Data));
        Assert.Equal(0x0000_0015_C000_0C1FUL, h.Memory.ReadU64(Data + 8));
    }

    [Theory]
    [InlineData("ldx [%o0 + 4], %fsr")]
    [InlineData("ld [%o0 + 2], %fsr")]
    [InlineData("stx %fsr, [%o0 + 4]")]
    public void MisalignedFsrAccess_RaisesMemAddressNotAligned(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Fact]
    public void FloatAlternateSpace_LittleEndianAndNonFaulting()
    {
        var h = Harness("lda [%o0] #ASI_P_L, %f0\nldda [%o0] #ASI_P_L, %f2\nsta %f0, [%o0 + %g1] #ASI_P_L\nstda %f2, [%o0 + %g2] #ASI_P_L\nlda [%o1] #ASI_PNF, %f5\nldda [%o1] #ASI_SNF, %f6");
        h.Memory.WriteU64(Data, 0x0102_0304_0506_0708);
        h[O1] = 0x7000_0000;
        h.Strand.F[2] = ulong.MaxValue;
        h.Strand.F[3] = ulong.MaxValue;
        h.Run(6);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0403_0201u, h.Strand.GetSingle(0));
        Assert.Equal(0x0807_0605_0403_0201UL, h.Strand.F[1]);
        Assert.Equal(0x0102_0304u, h.Memory.ReadU32(Data + 8));
        Assert.Equal(0x0102_0304_0506_0708UL, h.Memory.ReadU64(Data + 16));
        Assert.Equal(0u, h.Strand.GetSingle(5));
        Assert.Equal(0UL, h.Strand.F[3]);
    }

    [Theory]
    [InlineData("sta %f0, [%o0] #ASI_PNF")]
    [InlineData("stda %f0, [%o0] #ASI_SNF")]
    [InlineData("lda [%o0] #ASI_BLK_P, %f0")]
    [InlineData("ldda [%o0] #ASI_TWINX_P, %f0")]
    [InlineData("ldda [%o0] #ASI_BLK_COMMIT_P, %f0")]
    public void FloatAccessWithAnAsiItCannotUse_RaisesDataAccessException(string access)
    {
        var h = Harness(access);
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
    }
}
