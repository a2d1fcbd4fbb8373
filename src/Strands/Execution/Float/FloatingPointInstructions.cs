using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;
using H = Niagara.Strands.Execution.Float.FloatArithmeticHandlers;

namespace Niagara.Strands.Execution.Float;

/// <summary>
/// The FPop rows (V9 A.12-A.19, A.33, A.34; FPop1 op3 = 0x34, FPop2 op3 = 0x35). Mnemonics are
/// objdump's; the FMOVcc rows are "fmovs"/"fmovd" and the FMOVr rows "fmovrs"/"fmovrd", to which
/// the disassembler appends the condition (fmovsne %icc, fmovrdlez), as for MOVcc/MOVr.
/// </summary>
public static unsafe class FloatingPointInstructions
{
    private const uint FPop1 = 0x34;
    private const uint FPop2 = 0x35;

    private const FloatWidth S = FloatWidth.Single;
    private const FloatWidth D = FloatWidth.Double;
    private const FloatWidth Q = FloatWidth.Quad;

    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();

        specs.Add(Binary("fadds", 0x041, S, S, &H.Binary<SingleWidth, SingleWidth, AddSingleOp>));
        specs.Add(Binary("faddd", 0x042, D, D, &H.Binary<DoubleWidth, DoubleWidth, AddDoubleOp>));
        specs.Add(Binary("fsubs", 0x045, S, S, &H.Binary<SingleWidth, SingleWidth, SubtractSingleOp>));
        specs.Add(Binary("fsubd", 0x046, D, D, &H.Binary<DoubleWidth, DoubleWidth, SubtractDoubleOp>));
        specs.Add(Binary("fmuls", 0x049, S, S, &H.Binary<SingleWidth, SingleWidth, MultiplySingleOp>));
        specs.Add(Binary("fmuld", 0x04a, D, D, &H.Binary<DoubleWidth, DoubleWidth, MultiplyDoubleOp>));
        specs.Add(Binary("fdivs", 0x04d, S, S, &H.Binary<SingleWidth, SingleWidth, DivideSingleOp>));
        specs.Add(Binary("fdivd", 0x04e, D, D, &H.Binary<DoubleWidth, DoubleWidth, DivideDoubleOp>));
        specs.Add(Binary("fsmuld", 0x069, S, D, &H.Binary<SingleWidth, DoubleWidth, MultiplySingleToDoubleOp>));

        specs.Add(Unary("fmovs", 0x001, S, S, &FloatMoveHandlers.Sign<SingleWidth, MoveOp>));
        specs.Add(Unary("fmovd", 0x002, D, D, &FloatMoveHandlers.Sign<DoubleWidth, MoveOp>));
        specs.Add(Unary("fnegs", 0x005, S, S, &FloatMoveHandlers.Sign<SingleWidth, NegateOp>));
        specs.Add(Unary("fnegd", 0x006, D, D, &FloatMoveHandlers.Sign<DoubleWidth, NegateOp>));
        specs.Add(Unary("fabss", 0x009, S, S, &FloatMoveHandlers.Sign<SingleWidth, AbsoluteOp>));
        specs.Add(Unary("fabsd", 0x00a, D, D, &FloatMoveHandlers.Sign<DoubleWidth, AbsoluteOp>));

        specs.Add(Unary("fstox", 0x081, S, D, &H.Unary<SingleWidth, DoubleWidth, SingleToLongOp>));
        specs.Add(Unary("fdtox", 0x082, D, D, &H.Unary<DoubleWidth, DoubleWidth, DoubleToLongOp>));
        specs.Add(Unary("fxtos", 0x084, D, S, &H.Unary<DoubleWidth, SingleWidth, LongToSingleOp>));
        specs.Add(Unary("fxtod", 0x088, D, D, &H.Unary<DoubleWidth, DoubleWidth, LongToDoubleOp>));
        specs.Add(Unary("fitos", 0x0c4, S, S, &H.Unary<SingleWidth, SingleWidth, IntToSingleOp>));
        specs.Add(Unary("fdtos", 0x0c6, D, S, &H.Unary<DoubleWidth, SingleWidth, DoubleToSingleOp>));
        specs.Add(Unary("fitod", 0x0c8, S, D, &H.Unary<SingleWidth, DoubleWidth, IntToDoubleOp>));
        specs.Add(Unary("fstod", 0x0c9, S, D, &H.Unary<SingleWidth, DoubleWidth, SingleToDoubleOp>));
        specs.Add(Unary("fstoi", 0x0d1, S, S, &H.Unary<SingleWidth, SingleWidth, SingleToIntOp>));
        specs.Add(Unary("fdtoi", 0x0d2, D, S, &H.Unary<DoubleWidth, SingleWidth, DoubleToIntOp>));

        // Not implemented by the T1 FPU: fp_exception_other (unimplemented_FPop).
        specs.Add(Unary("fsqrts", 0x029, S, S, &H.Unimplemented));
        specs.Add(Unary("fsqrtd", 0x02a, D, D, &H.Unimplemented));
        AddQuadRows(specs);

        specs.Add(Compare("fcmps", 0x051, S, &FloatCompareHandlers.Compare<SingleWidth, SingleComparison, No>));
        specs.Add(Compare("fcmpd", 0x052, D, &FloatCompareHandlers.Compare<DoubleWidth, DoubleComparison, No>));
        specs.Add(Compare("fcmpes", 0x055, S, &FloatCompareHandlers.Compare<SingleWidth, SingleComparison, Yes>));
        specs.Add(Compare("fcmped", 0x056, D, &FloatCompareHandlers.Compare<DoubleWidth, DoubleComparison, Yes>));

        // FMOVcc: opf_cc (bits 13:11) 0-3 fcc0-3, 4 icc, 6 xcc; 5 and 7 fall to the FPop2 row below.
        foreach (uint cc in new uint[] { 0, 1, 2, 3, 4, 6 })
        {
            specs.Add(MoveOnCondition("fmovs", cc, 0x01, S, &FloatMoveHandlers.MoveOnCondition<SingleWidth>));
            specs.Add(MoveOnCondition("fmovd", cc, 0x02, D, &FloatMoveHandlers.MoveOnCondition<DoubleWidth>));
            specs.Add(MoveOnCondition("fmovq", cc, 0x03, Q, &H.Unimplemented));
        }

        // FMOVr: rcond 0 and 4 are reserved and fall to the FPop2 row below.
        foreach (uint rcond in new uint[] { 1, 2, 3, 5, 6, 7 })
        {
            specs.Add(MoveOnRegister("fmovrs", rcond, 0x05, S, &FloatMoveHandlers.MoveOnRegister<SingleWidth>));
            specs.Add(MoveOnRegister("fmovrd", rcond, 0x06, D, &FloatMoveHandlers.MoveOnRegister<DoubleWidth>));
            specs.Add(MoveOnRegister("fmovrq", rcond, 0x07, Q, &H.Unimplemented));
        }

        // Every other FPop1/FPop2 encoding: unimplemented_FPop on the T1 (V9 A.33/A.34 name the
        // reserved FMOVcc/FMOVr fields so; the T2 and later raise illegal_instruction instead).
        specs.Add(new InstructionSpec("unknown", Encoding.Arith(FPop1), OperandFormat.None, &H.Unimplemented));
        specs.Add(new InstructionSpec("unknown", Encoding.Arith(FPop2), OperandFormat.None, &H.Unimplemented));
        return specs;
    }

    private static void AddQuadRows(List<InstructionSpec> specs)
    {
        specs.Add(Unary("fmovq", 0x003, Q, Q, &H.Unimplemented));
        specs.Add(Unary("fnegq", 0x007, Q, Q, &H.Unimplemented));
        specs.Add(Unary("fabsq", 0x00b, Q, Q, &H.Unimplemented));
        specs.Add(Unary("fsqrtq", 0x02b, Q, Q, &H.Unimplemented));
        specs.Add(Binary("faddq", 0x043, Q, Q, &H.Unimplemented));
        specs.Add(Binary("fsubq", 0x047, Q, Q, &H.Unimplemented));
        specs.Add(Binary("fmulq", 0x04b, Q, Q, &H.Unimplemented));
        specs.Add(Binary("fdivq", 0x04f, Q, Q, &H.Unimplemented));
        specs.Add(Binary("fdmulq", 0x06e, D, Q, &H.Unimplemented));
        specs.Add(Unary("fqtox", 0x083, Q, D, &H.Unimplemented));
        specs.Add(Unary("fxtoq", 0x08c, D, Q, &H.Unimplemented));
        specs.Add(Unary("fqtos", 0x0c7, Q, S, &H.Unimplemented));
        specs.Add(Unary("fqtod", 0x0cb, Q, D, &H.Unimplemented));
        specs.Add(Unary("fitoq", 0x0cc, S, Q, &H.Unimplemented));
        specs.Add(Unary("fstoq", 0x0cd, S, Q, &H.Unimplemented));
        specs.Add(Unary("fdtoq", 0x0ce, D, Q, &H.Unimplemented));
        specs.Add(Unary("fqtoi", 0x0d3, Q, S, &H.Unimplemented));
        specs.Add(Compare("fcmpq", 0x053, Q, &H.Unimplemented));
        specs.Add(Compare("fcmpeq", 0x057, Q, &H.Unimplemented));
    }

    private static InstructionSpec Binary(
        string mnemonic, uint opf, FloatWidth source, FloatWidth destination, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(FPop1).Opf(opf), OperandFormat.FloatBinary, handler, ReadsRs1 | ReadsRs2)
        {
            Rs1Width = source,
            Rs2Width = source,
            RdWidth = destination,
        };

    private static InstructionSpec Unary(
        string mnemonic, uint opf, FloatWidth source, FloatWidth destination, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(FPop1).Opf(opf), OperandFormat.FloatUnary, handler, ReadsRs2)
        {
            Rs2Width = source,
            RdWidth = destination,
        };

    private static InstructionSpec Compare(
        string mnemonic, uint opf, FloatWidth width, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(FPop2).Opf(opf), OperandFormat.FloatCompare, handler, ReadsRs1 | ReadsRs2)
        {
            Rs1Width = width,
            Rs2Width = width,
        };

    private static InstructionSpec MoveOnCondition(
        string mnemonic, uint cc, uint opfLow, FloatWidth width, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(FPop2).With(18, 1, 0).With(11, 3, cc).With(5, 6, opfLow), OperandFormat.FloatMoveOnCondition, handler, ReadsRs2)
        {
            Rs2Width = width,
            RdWidth = width,
        };

    private static InstructionSpec MoveOnRegister(
        string mnemonic, uint rcond, uint opfLow, FloatWidth width, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(FPop2).With(13, 1, 0).With(10, 3, rcond).With(5, 5, opfLow), OperandFormat.FloatMoveOnRegister, handler, ReadsRs1 | ReadsRs2)
        {
            Rs2Width = width,
            RdWidth = width,
        };
}
