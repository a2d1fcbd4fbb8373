using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;

namespace Niagara.Strands.Execution.Control;

/// <summary>The control-transfer and window rows of the ISA table.</summary>
public static unsafe class ControlTransferInstructions
{
    private const InstructionFlags Cti = ControlTransfer;

    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        // Bicc (op2 = 2) and FBfcc (op2 = 6): ba/bn get their own rows (the most common branch
        // and the only ones with special annul rules).
        specs.Add(Branch("ba", Encoding.Format2(2).With(25, 4, 8), OperandFormat.BranchIcc, &BranchHandlers.Always));
        specs.Add(Branch("bn", Encoding.Format2(2).With(25, 4, 0), OperandFormat.BranchIcc, &BranchHandlers.Never));
        specs.Add(Branch("b", Encoding.Format2(2), OperandFormat.BranchIcc, &BranchHandlers.Bicc));
        specs.Add(Branch("fba", Encoding.Format2(6).With(25, 4, 8), OperandFormat.BranchFcc, &BranchHandlers.Always));
        specs.Add(Branch("fbn", Encoding.Format2(6).With(25, 4, 0), OperandFormat.BranchFcc, &BranchHandlers.Never));
        specs.Add(Branch("fb", Encoding.Format2(6), OperandFormat.BranchFcc, &BranchHandlers.Fbfcc));

        // BPcc (op2 = 1): cc1:cc0 = 00 icc or 10 xcc; 01 and 11 are reserved.
        foreach (uint cc in new uint[] { 0, 2 })
        {
            specs.Add(Branch("ba", Encoding.Format2(1).With(20, 2, cc).With(25, 4, 8), OperandFormat.BranchPcc, &BranchHandlers.Always));
            specs.Add(Branch("bn", Encoding.Format2(1).With(20, 2, cc).With(25, 4, 0), OperandFormat.BranchPcc, &BranchHandlers.Never));
            specs.Add(Branch("b", Encoding.Format2(1).With(20, 2, cc), OperandFormat.BranchPcc, &BranchHandlers.Bpcc));
        }

        // FBPfcc (op2 = 5): any of fcc0..3.
        specs.Add(Branch("fba", Encoding.Format2(5).With(25, 4, 8), OperandFormat.BranchPfcc, &BranchHandlers.Always));
        specs.Add(Branch("fbn", Encoding.Format2(5).With(25, 4, 0), OperandFormat.BranchPfcc, &BranchHandlers.Never));
        specs.Add(Branch("fb", Encoding.Format2(5), OperandFormat.BranchPfcc, &BranchHandlers.Fbpfcc));

        // BPr (op2 = 3): bit 28 clear, rcond 0 and 4 reserved.
        foreach (uint rcond in new uint[] { 1, 2, 3, 5, 6, 7 })
        {
            specs.Add(new InstructionSpec(
                "br", Encoding.Format2(3).With(28, 1, 0).With(25, 3, rcond), OperandFormat.BranchRegister,
                &BranchHandlers.Bpr, Cti | ReadsRs1));
        }

        specs.Add(new InstructionSpec("call", new Encoding(0xC000_0000, 0x4000_0000), OperandFormat.Call, &BranchHandlers.Call, Cti));
        specs.Add(new InstructionSpec(
            "jmpl", Encoding.Arith(0x38), OperandFormat.JumpAndLink,
            &BranchHandlers.Jmpl<RegisterOperand>, &BranchHandlers.Jmpl<ImmediateOperand>,
            Cti | IntegerDestination | ReadsRs1 | ReadsRs2));
        specs.Add(new InstructionSpec(
            "return", Encoding.Arith(0x39), OperandFormat.Return,
            &WindowHandlers.Return<RegisterOperand>, &WindowHandlers.Return<ImmediateOperand>, Cti | ReadsRs1 | ReadsRs2));

        // Tcc: cc1:cc0 (bits 12:11) = 00 icc or 10 xcc.
        foreach (uint cc in new uint[] { 0, 2 })
        {
            specs.Add(new InstructionSpec(
                "t", Encoding.Arith(0x3a).With(11, 2, cc).With(29, 1, 0), OperandFormat.Trap,
                &TrapHandlers.Tcc<RegisterOperand>, &TrapHandlers.Tcc<ImmediateOperand>, Cti | ReadsRs1 | ReadsRs2));
        }

        specs.Add(new InstructionSpec("flushw", Encoding.Arith(0x2b).I(false), OperandFormat.None, &WindowHandlers.Flushw));
        specs.Add(new InstructionSpec(
            "save", Encoding.Arith(0x3c), OperandFormat.Arithmetic,
            &WindowHandlers.Save<RegisterOperand>, &WindowHandlers.Save<ImmediateOperand>, IntegerDestination | ReadsRs1 | ReadsRs2));
        specs.Add(new InstructionSpec(
            "restore", Encoding.Arith(0x3d), OperandFormat.Arithmetic,
            &WindowHandlers.Restore<RegisterOperand>, &WindowHandlers.Restore<ImmediateOperand>, IntegerDestination | ReadsRs1 | ReadsRs2));

        return specs;
    }

    private static InstructionSpec Branch(
        string mnemonic, Encoding encoding, OperandFormat format, delegate*<Strand, ref Instruction, void> handler) =>
        new(mnemonic, encoding, format, handler, Cti);
}
