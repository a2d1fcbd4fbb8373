using Niagara.Memory.Timing;
using Niagara.Strands.Isa;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Timing;

namespace Niagara.Strands.Tests.Timing;

/// <summary>The timing classes derived from the ISA table, checked on assembled instructions.</summary>
public class InstructionTimingTableTests
{
    [Theory]
    [InlineData("add %g1, %g2, %g3", TimingClass.Simple, 0)]
    [InlineData("mulscc %g1, %g2, %g3", TimingClass.Simple, 0)]
    [InlineData("rd %tick, %g1", TimingClass.Simple, 0)]
    [InlineData("membar #Sync", TimingClass.Simple, 0)]
    [InlineData("ldx [%o0 + 8], %g1", TimingClass.Load, 8)]
    [InlineData("ldub [%o0], %g1", TimingClass.Load, 1)]
    [InlineData("ldsh [%o0], %g1", TimingClass.Load, 2)]
    [InlineData("ld [%o0], %g1", TimingClass.Load, 4)]
    [InlineData("ldtw [%o0], %g2", TimingClass.Load, 8)]
    [InlineData("ldxa [%o0] 0x20, %g1", TimingClass.LoadAlternate, 8)]
    [InlineData("stx %g1, [%o0]", TimingClass.Store, 8)]
    [InlineData("stb %g1, [%o0]", TimingClass.Store, 1)]
    [InlineData("stwa %g1, [%o0] 0x80", TimingClass.StoreAlternate, 4)]
    [InlineData("ldstub [%o0], %g1", TimingClass.Atomic, 1)]
    [InlineData("swap [%o0], %g1", TimingClass.Atomic, 4)]
    [InlineData("casxa [%o0] 0x80, %g1, %g2", TimingClass.CompareAndSwap, 8)]
    [InlineData("casa [%o0] 0x80, %g1, %g2", TimingClass.CompareAndSwap, 4)]
    [InlineData("ldd [%o0], %f2", TimingClass.FloatLoad, 8)]
    [InlineData("ld [%o0], %f1", TimingClass.FloatLoad, 4)]
    [InlineData("std %f2, [%o0]", TimingClass.FloatStore, 8)]
    [InlineData("st %fsr, [%o0]", TimingClass.FloatStore, 4)]
    [InlineData("ba .", TimingClass.ControlTransfer, 0)]
    [InlineData("bne,pt %xcc, .", TimingClass.ControlTransfer, 0)]
    [InlineData("call .", TimingClass.ControlTransfer, 0)]
    [InlineData("jmpl %g1, %o7", TimingClass.ControlTransfer, 0)]
    [InlineData("ta 5", TimingClass.ControlTransfer, 0)]
    [InlineData("mulx %g1, %g2, %g3", TimingClass.Multiply, 0)]
    [InlineData("smul %g1, 3, %g3", TimingClass.Multiply, 0)]
    [InlineData("sdivx %g1, %g2, %g3", TimingClass.Divide, 0)]
    [InlineData("udivcc %g1, %g2, %g3", TimingClass.Divide, 0)]
    [InlineData("save %sp, -192, %sp", TimingClass.WindowChange, 0)]
    [InlineData("restore", TimingClass.WindowChange, 0)]
    [InlineData("faddd %f0, %f2, %f4", TimingClass.FloatOperation, 0)]
    [InlineData("fcmpd %fcc0, %f0, %f2", TimingClass.FloatOperation, 0)]
    [InlineData("fpadd16 %f0, %f2, %f4", TimingClass.FloatOperation, 0)]
    public void Class_FollowsTheIsaRow(string source, TimingClass expected, int bytes)
    {
        ushort spec = Decoder.Decode(GasAssembler.Assemble(source)[0]).Spec;
        Assert.Equal(expected, InstructionTimingTable.ClassOf(spec));
        Assert.Equal(bytes, InstructionTimingTable.AccessBytes(spec));
    }

    [Theory]
    [InlineData("faddd %f0, %f2, %f4", FpOperation.AddSubCompareConvert)]
    [InlineData("fmuld %f0, %f2, %f4", FpOperation.Multiply)]
    [InlineData("fsmuld %f1, %f3, %f4", FpOperation.Multiply)]
    [InlineData("fdivs %f1, %f3, %f5", FpOperation.DivideSingle)]
    [InlineData("fdivd %f0, %f2, %f4", FpOperation.DivideDouble)]
    [InlineData("fitod %f1, %f2", FpOperation.ConvertFromInteger)]
    [InlineData("fxtod %f0, %f2", FpOperation.ConvertFromInteger)]
    [InlineData("fdtox %f0, %f2", FpOperation.AddSubCompareConvert)]
    public void FpOperation_PicksTheFpuPipe(string source, FpOperation expected) =>
        Assert.Equal(expected, InstructionTimingTable.FpOperationOf(Decoder.Decode(GasAssembler.Assemble(source)[0]).Spec));

    [Fact]
    public void EveryMemoryFormatRow_HasAMemoryClassAndASize()
    {
        foreach (InstructionSpec spec in InstructionTable.Specs)
        {
            if (spec.Format is OperandFormat.Load or OperandFormat.Store or OperandFormat.CompareAndSwap
                or OperandFormat.LoadFloat or OperandFormat.StoreFloat or OperandFormat.LoadStoreFsr)
            {
                Assert.NotEqual(TimingClass.Simple, InstructionTimingTable.ClassOf(spec.Index));
                Assert.InRange(InstructionTimingTable.AccessBytes(spec.Index), 1, 8);
            }
        }
    }

    [Fact]
    public void UnknownEncoding_IsSimple() =>
        Assert.Equal(TimingClass.Simple, InstructionTimingTable.ClassOf(ushort.MaxValue)); // the decoder's index for an illegal word
}
