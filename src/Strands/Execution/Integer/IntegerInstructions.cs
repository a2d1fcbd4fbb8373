using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;

namespace Niagara.Strands.Execution.Integer;

/// <summary>The integer rows of the ISA table (V9 appendix A, op = 2 and SETHI).</summary>
public static unsafe class IntegerInstructions
{
    private const InstructionFlags Binary = IntegerDestination | ReadsRs1 | ReadsRs2;

    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        specs.Add(new InstructionSpec("nop", new Encoding(0xFFFF_FFFF, 0x0100_0000), OperandFormat.None, &AluHandlers.Sethi));
        specs.Add(new InstructionSpec("sethi", Encoding.Format2(4), OperandFormat.Sethi, &AluHandlers.Sethi, IntegerDestination));

        specs.Add(Alu<AddOp>("add", 0x00));
        specs.Add(Alu<AndOp>("and", 0x01));
        specs.Add(Alu<OrOp>("or", 0x02));
        specs.Add(Alu<XorOp>("xor", 0x03));
        specs.Add(Alu<SubOp>("sub", 0x04));
        specs.Add(Alu<AndnOp>("andn", 0x05));
        specs.Add(Alu<OrnOp>("orn", 0x06));
        specs.Add(Alu<XnorOp>("xnor", 0x07));
        specs.Add(Arith("addc", 0x08, &AluHandlers.AddC<RegisterOperand>, &AluHandlers.AddC<ImmediateOperand>));
        specs.Add(Alu<MulxOp>("mulx", 0x09));
        specs.Add(Arith("umul", 0x0a, &MultiplyDivideHandlers.Multiply32<No, No, RegisterOperand>, &MultiplyDivideHandlers.Multiply32<No, No, ImmediateOperand>));
        specs.Add(Arith("smul", 0x0b, &MultiplyDivideHandlers.Multiply32<Yes, No, RegisterOperand>, &MultiplyDivideHandlers.Multiply32<Yes, No, ImmediateOperand>));
        specs.Add(Arith("subc", 0x0c, &AluHandlers.SubC<RegisterOperand>, &AluHandlers.SubC<ImmediateOperand>));
        specs.Add(Arith("udivx", 0x0d, &MultiplyDivideHandlers.Udivx<RegisterOperand>, &MultiplyDivideHandlers.Udivx<ImmediateOperand>));
        specs.Add(Arith("udiv", 0x0e, &MultiplyDivideHandlers.Divide32<No, No, RegisterOperand>, &MultiplyDivideHandlers.Divide32<No, No, ImmediateOperand>));
        specs.Add(Arith("sdiv", 0x0f, &MultiplyDivideHandlers.Divide32<Yes, No, RegisterOperand>, &MultiplyDivideHandlers.Divide32<Yes, No, ImmediateOperand>));

        specs.Add(Arith("addcc", 0x10, &AluHandlers.AddCc<RegisterOperand>, &AluHandlers.AddCc<ImmediateOperand>));
        specs.Add(LogicalCc<AndOp>("andcc", 0x11));
        specs.Add(LogicalCc<OrOp>("orcc", 0x12));
        specs.Add(LogicalCc<XorOp>("xorcc", 0x13));
        specs.Add(Arith("subcc", 0x14, &AluHandlers.SubCc<RegisterOperand>, &AluHandlers.SubCc<ImmediateOperand>));
        specs.Add(LogicalCc<AndnOp>("andncc", 0x15));
        specs.Add(LogicalCc<OrnOp>("orncc", 0x16));
        specs.Add(LogicalCc<XnorOp>("xnorcc", 0x17));
        specs.Add(Arith("addccc", 0x18, &AluHandlers.AddCCc<RegisterOperand>, &AluHandlers.AddCCc<ImmediateOperand>));
        specs.Add(Arith("umulcc", 0x1a, &MultiplyDivideHandlers.Multiply32<No, Yes, RegisterOperand>, &MultiplyDivideHandlers.Multiply32<No, Yes, ImmediateOperand>));
        specs.Add(Arith("smulcc", 0x1b, &MultiplyDivideHandlers.Multiply32<Yes, Yes, RegisterOperand>, &MultiplyDivideHandlers.Multiply32<Yes, Yes, ImmediateOperand>));
        specs.Add(Arith("subccc", 0x1c, &AluHandlers.SubCCc<RegisterOperand>, &AluHandlers.SubCCc<ImmediateOperand>));
        specs.Add(Arith("udivcc", 0x1e, &MultiplyDivideHandlers.Divide32<No, Yes, RegisterOperand>, &MultiplyDivideHandlers.Divide32<No, Yes, ImmediateOperand>));
        specs.Add(Arith("sdivcc", 0x1f, &MultiplyDivideHandlers.Divide32<Yes, Yes, RegisterOperand>, &MultiplyDivideHandlers.Divide32<Yes, Yes, ImmediateOperand>));

        specs.Add(Arith("taddcc", 0x20, &AluHandlers.TaggedAdd<RegisterOperand, No>, &AluHandlers.TaggedAdd<ImmediateOperand, No>));
        specs.Add(Arith("tsubcc", 0x21, &AluHandlers.TaggedSubtract<RegisterOperand, No>, &AluHandlers.TaggedSubtract<ImmediateOperand, No>));
        specs.Add(Arith("taddcctv", 0x22, &AluHandlers.TaggedAdd<RegisterOperand, Yes>, &AluHandlers.TaggedAdd<ImmediateOperand, Yes>));
        specs.Add(Arith("tsubcctv", 0x23, &AluHandlers.TaggedSubtract<RegisterOperand, Yes>, &AluHandlers.TaggedSubtract<ImmediateOperand, Yes>));
        specs.Add(Arith("mulscc", 0x24, &MultiplyDivideHandlers.MulScc<RegisterOperand>, &MultiplyDivideHandlers.MulScc<ImmediateOperand>));

        specs.Add(Shift<SllOp>("sll", 0x25, extended: false));
        specs.Add(Shift<SllxOp>("sllx", 0x25, extended: true));
        specs.Add(Shift<SrlOp>("srl", 0x26, extended: false));
        specs.Add(Shift<SrlxOp>("srlx", 0x26, extended: true));
        specs.Add(Shift<SraOp>("sra", 0x27, extended: false));
        specs.Add(Shift<SraxOp>("srax", 0x27, extended: true));

        specs.Add(Arith("sdivx", 0x2d, &MultiplyDivideHandlers.Sdivx<RegisterOperand>, &MultiplyDivideHandlers.Sdivx<ImmediateOperand>));
        specs.Add(new InstructionSpec(
            "popc", Encoding.Arith(0x2e).Rs1(0), OperandFormat.Popc,
            &AluHandlers.Popc<RegisterOperand>, &AluHandlers.Popc<ImmediateOperand>, IntegerDestination | ReadsRs2));

        // MOVcc: cc2 = 1 with cc1:cc0 = 00 (icc) or 10 (xcc), or cc2 = 0 (fcc0..3).
        foreach (uint cc in new uint[] { 0, 1, 2, 3, 4, 6 })
        {
            var enc = Encoding.Arith(0x2c).With(18, 1, cc >> 2).With(11, 2, cc & 3);
            specs.Add(new InstructionSpec(
                "mov", enc, OperandFormat.MoveOnCondition,
                &ConditionalMoveHandlers.MoveOnCondition<RegisterOperand>,
                &ConditionalMoveHandlers.MoveOnCondition<ImmediateOperand>,
                IntegerDestination | ReadsRs2));
        }

        foreach (uint rcond in new uint[] { 1, 2, 3, 5, 6, 7 })
        {
            specs.Add(new InstructionSpec(
                "movr", Encoding.Arith(0x2f).With(10, 3, rcond), OperandFormat.MoveOnRegister,
                &ConditionalMoveHandlers.MoveOnRegister<RegisterOperand>,
                &ConditionalMoveHandlers.MoveOnRegister<ImmediateOperand>,
                Binary));
        }

        return specs;
    }

    private static InstructionSpec Alu<TOp>(string mnemonic, uint op3)
        where TOp : struct, IAluOperation =>
        Arith(mnemonic, op3, &AluHandlers.Alu<TOp, RegisterOperand>, &AluHandlers.Alu<TOp, ImmediateOperand>);

    private static InstructionSpec LogicalCc<TOp>(string mnemonic, uint op3)
        where TOp : struct, IAluOperation =>
        Arith(mnemonic, op3, &AluHandlers.LogicalCc<TOp, RegisterOperand>, &AluHandlers.LogicalCc<TOp, ImmediateOperand>);

    private static InstructionSpec Shift<TOp>(string mnemonic, uint op3, bool extended)
        where TOp : struct, IAluOperation =>
        new(mnemonic, Encoding.Arith(op3).With(12, 1, extended ? 1u : 0u), OperandFormat.Shift,
            &AluHandlers.Alu<TOp, RegisterOperand>, &AluHandlers.Alu<TOp, ImmediateOperand>, Binary);

    private static InstructionSpec Arith(
        string mnemonic,
        uint op3,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm) =>
        new(mnemonic, Encoding.Arith(op3), OperandFormat.Arithmetic, registerForm, immediateForm, Binary);
}
