using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;

namespace Niagara.Strands.Execution.Vis;

/// <summary>
/// The VIS rows (IMPDEP1, op3 = 0x36) that the UltraSPARC T1 executes in hardware: the 32 FP
/// logical ops, the partitioned add/subtract, FALIGNDATA, ALIGNADDRESS{_LITTLE} and SIAM.
/// The T1 leaves the other VIS 1/2 ops (EDGE*, ARRAY*, PDIST, FPACK*, FEXPAND, FPMERGE,
/// FMUL8*, FCMP*, BMASK, BSHUFFLE) unimplemented: they decode to no row and so raise
/// illegal_instruction, which an OS emulates (Linux: arch/sparc/kernel/visemul.c).
/// Mnemonics are those GNU objdump prints.
/// </summary>
public static unsafe class VisInstructions
{
    private const uint Impdep1 = 0x36;

    // Operand widths, short so that each row fits on a line.
    private const FloatWidth D = FloatWidth.Double, S = FloatWidth.Single, N = FloatWidth.None;

    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();

        specs.Add(Integer("alignaddr", 0x018, &VisAlignHandlers.AlignAddress<No>));
        specs.Add(Integer("alignaddrl", 0x01a, &VisAlignHandlers.AlignAddress<Yes>));
        specs.Add(Fp("faligndata", 0x048, &VisAlignHandlers.AlignData, D, D, D));
        specs.Add(Fp("siam", 0x081, &VisAlignHandlers.SetIntervalArithmeticMode, N, N, N));

        specs.Add(Fp("fpadd16", 0x050, &VisLogicalHandlers.Double<PartitionedAdd16Op>, D, D, D));
        specs.Add(Fp("fpadd16s", 0x051, &VisLogicalHandlers.Single<PartitionedAdd16Op>, S, S, S));
        specs.Add(Fp("fpadd32", 0x052, &VisLogicalHandlers.Double<PartitionedAdd32Op>, D, D, D));
        specs.Add(Fp("fpadd32s", 0x053, &VisLogicalHandlers.Single<PartitionedAdd32Op>, S, S, S));
        specs.Add(Fp("fpsub16", 0x054, &VisLogicalHandlers.Double<PartitionedSubtract16Op>, D, D, D));
        specs.Add(Fp("fpsub16s", 0x055, &VisLogicalHandlers.Single<PartitionedSubtract16Op>, S, S, S));
        specs.Add(Fp("fpsub32", 0x056, &VisLogicalHandlers.Double<PartitionedSubtract32Op>, D, D, D));
        specs.Add(Fp("fpsub32s", 0x057, &VisLogicalHandlers.Single<PartitionedSubtract32Op>, S, S, S));

        // UA2005 7.x F Register Logical Operate: opf 0x60..0x7f, even = double, odd = single.
        Logical<ZeroOp>(specs, "fzero", 0x060, rs1: false, rs2: false);
        Logical<NorOp>(specs, "fnor", 0x062, rs1: true, rs2: true);
        Logical<AndNot2Op>(specs, "fandnot2", 0x064, rs1: true, rs2: true);
        Logical<Not2Op>(specs, "fnot2", 0x066, rs1: false, rs2: true);
        Logical<AndNot1Op>(specs, "fandnot1", 0x068, rs1: true, rs2: true);
        Logical<Not1Op>(specs, "fnot1", 0x06a, rs1: true, rs2: false);
        Logical<XorOp>(specs, "fxor", 0x06c, rs1: true, rs2: true);
        Logical<NandOp>(specs, "fnand", 0x06e, rs1: true, rs2: true);
        Logical<AndOp>(specs, "fand", 0x070, rs1: true, rs2: true);
        Logical<XnorOp>(specs, "fxnor", 0x072, rs1: true, rs2: true);
        Logical<Src1Op>(specs, "fsrc1", 0x074, rs1: true, rs2: false);
        Logical<OrNot2Op>(specs, "fornot2", 0x076, rs1: true, rs2: true);
        Logical<Src2Op>(specs, "fsrc2", 0x078, rs1: false, rs2: true);
        Logical<OrNot1Op>(specs, "fornot1", 0x07a, rs1: true, rs2: true);
        Logical<OrOp>(specs, "for", 0x07c, rs1: true, rs2: true);
        Logical<OneOp>(specs, "fone", 0x07e, rs1: false, rs2: false);
        return specs;
    }

    /// <summary>The double (objdump: name + "d") and single (name + "s") rows of one logical op.</summary>
    private static void Logical<TOp>(List<InstructionSpec> specs, string name, uint opf, bool rs1, bool rs2)
        where TOp : struct, IVisOperation
    {
        specs.Add(Fp(name + "d", opf, &VisLogicalHandlers.Double<TOp>, rs1 ? D : N, rs2 ? D : N, D));
        specs.Add(Fp(name + "s", opf + 1, &VisLogicalHandlers.Single<TOp>, rs1 ? S : N, rs2 ? S : N, S));
    }

    /// <summary>A row on FP registers; a width of None marks an operand the op ignores (not printed).</summary>
    private static InstructionSpec Fp(
        string mnemonic,
        uint opf,
        delegate*<Strand, ref Instruction, void> handler,
        FloatWidth rs1,
        FloatWidth rs2,
        FloatWidth rd)
    {
        InstructionFlags flags = (rs1 != N ? ReadsRs1 : InstructionFlags.None) | (rs2 != N ? ReadsRs2 : InstructionFlags.None);
        return new InstructionSpec(mnemonic, Encoding.Arith(Impdep1).Opf(opf), OperandFormat.Vis, handler, flags)
        {
            Rs1Width = rs1,
            Rs2Width = rs2,
            RdWidth = rd,
        };
    }

    /// <summary>A row from integer registers to an integer register.</summary>
    private static InstructionSpec Integer(string mnemonic, uint opf, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, Encoding.Arith(Impdep1).Opf(opf), OperandFormat.VisInteger, handler, IntegerDestination | ReadsRs1 | ReadsRs2);
}
