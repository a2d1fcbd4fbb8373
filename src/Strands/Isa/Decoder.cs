using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Isa;

/// <summary>Turns instruction words into predecoded <see cref="Instruction"/>s using the ISA table.</summary>
public static unsafe class Decoder
{
    /// <summary>Decodes one word; an unknown encoding decodes to the illegal-instruction handler.</summary>
    public static Instruction Decode(uint word)
    {
        InstructionSpec? spec = InstructionTable.Find(word);
        var insn = new Instruction
        {
            Word = word,
            Rd = (byte)Rd(word),
            Rs1 = (byte)Rs1(word),
            Rs2 = (byte)Rs2(word),
            Cond = (byte)Cond(word),
        };

        if (spec is null)
        {
            insn.Execute = &IllegalInstruction;
            insn.Spec = ushort.MaxValue;
            return insn;
        }

        insn.Spec = spec.Index;
        bool immediate = I(word);
        insn.Execute = immediate ? spec.ImmediateForm : spec.RegisterForm;
        if ((spec.Flags & InstructionFlags.IntegerDestination) != 0 && insn.Rd == 0)
        {
            insn.Rd = Strand.SinkRegister;
        }

        FillFormatFields(spec.Format, word, immediate, ref insn);
        return insn;
    }

    private static void FillFormatFields(OperandFormat format, uint word, bool immediate, ref Instruction insn)
    {
        switch (format)
        {
            case OperandFormat.Sethi:
                insn.Imm = (long)Imm22(word) << 10;
                break;
            case OperandFormat.BranchIcc:
            case OperandFormat.BranchFcc:
                insn.Imm = Disp22(word);
                insn.Aux = (byte)(Annul(word) ? 1 : 0);
                break;
            case OperandFormat.BranchPcc:
            case OperandFormat.BranchPfcc:
                insn.Imm = Disp19(word);
                // Aux: bit 0 annul, bits 2:1 cc1:cc0, bit 3 predict-taken.
                insn.Aux = (byte)((Annul(word) ? 1u : 0u) | (((word >> 20) & 3) << 1) | (((word >> 19) & 1) << 3));
                break;
            case OperandFormat.BranchRegister:
                insn.Imm = Disp16(word);
                insn.Cond = (byte)((word >> 25) & 7);
                insn.Aux = (byte)((Annul(word) ? 1u : 0u) | (((word >> 19) & 1) << 3));
                break;
            case OperandFormat.Call:
                insn.Imm = Disp30(word);
                insn.Rd = 15;
                break;
            case OperandFormat.Shift:
                insn.Imm = X(word) ? word & 0x3f : word & 0x1f;
                insn.Aux = (byte)(X(word) ? 1 : 0);
                break;
            case OperandFormat.Trap:
                insn.Imm = word & 0xff;
                insn.Aux = (byte)((word >> 11) & 3);
                break;
            case OperandFormat.MoveOnCondition:
                insn.Imm = Simm11(word);
                insn.Cond = (byte)((word >> 14) & 0xf);
                // Aux: cc2:cc1:cc0 (cc2 = 1 selects icc/xcc, 0 selects fcc0..3).
                insn.Aux = (byte)((((word >> 18) & 1) << 2) | ((word >> 11) & 3));
                break;
            case OperandFormat.FloatMoveOnCondition:
                insn.Cond = (byte)((word >> 14) & 0xf);
                insn.Aux = (byte)((word >> 11) & 7);
                break;
            case OperandFormat.MoveOnRegister:
                insn.Imm = Simm10(word);
                insn.Cond = (byte)((word >> 10) & 7);
                break;
            case OperandFormat.FloatMoveOnRegister:
                insn.Cond = (byte)((word >> 10) & 7);
                break;
            case OperandFormat.FloatCompare:
                insn.Aux = (byte)((word >> 25) & 3);
                break;
            case OperandFormat.Membar:
                insn.Imm = word & 0x7f;
                break;
            default:
                insn.Imm = Simm13(word);
                // Alternate-space forms: imm_asi when i = 0 (i = 1 uses the %asi register).
                insn.Aux = immediate ? (byte)0 : (byte)ImmAsi(word);
                break;
        }
    }

    private static void IllegalInstruction(Strand strand, ref Instruction insn) =>
        strand.RaiseTrap(Traps.TrapType.IllegalInstruction);
}
