using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Disassembly;

/// <summary>
/// Disassembles SPARC V9 words into the text GNU objdump -d prints in its instruction column
/// (binutils 2.40, v9a level as for sparc64 Linux executables), derived from the ISA table:
/// <see cref="InstructionTable.Find"/> picks the row, the row's format, mnemonic and FP widths
/// give the operands, and <see cref="SyntheticInstructions"/> applies objdump's preferred aliases.
/// Branch and call targets are absolute addresses, printed as objdump does for files without
/// symbols unless a symbolizer is given. SPARC objdump separates the mnemonic from its operands
/// with two spaces and ends operand-less ones with one ("nop ").
/// </summary>
public static class Disassembler
{
    private const string Unknown = "unknown";

    /// <summary>The instruction at <paramref name="pc"/> as objdump prints it for a file without symbols, without context.</summary>
    public static string Disassemble(uint word, ulong pc) => Disassemble(word, pc, ReadOnlySpan<uint>.Empty);

    /// <summary>
    /// The instruction at <paramref name="pc"/>. <paramref name="preceding"/> holds the words just
    /// before it (last element at pc - 4), from which objdump adds "\t! address" to an or/add/"+ imm"
    /// operand that completes a sethi of the same register (looking past a delay slot).
    /// Addresses print as objdump does for a file without symbols ("0x100820") when
    /// <paramref name="symbolize"/> is null, else as for one with symbols: "100820 &lt;main+0x10&gt;",
    /// where <paramref name="symbolize"/> returns the text between the angle brackets.
    /// </summary>
    public static string Disassemble(uint word, ulong pc, ReadOnlySpan<uint> preceding, Func<ulong, string>? symbolize = null)
    {
        Layout? layout = LayoutOf(word);
        if (layout is null)
        {
            return Unknown;
        }

        string text = OperandPrinter.Render(layout.Value, word, pc, symbolize, out SethiJoin join);
        return join == SethiJoin.None ? text : text + SethiComment(word, join, preceding, symbolize);
    }

    /// <summary>Whether objdump treats <paramref name="word"/> as a delayed control transfer (its is_delayed_branch).</summary>
    public static bool IsDelayedControlTransfer(uint word)
    {
        InstructionSpec? spec = InstructionTable.Find(word);
        return spec?.Format switch
        {
            OperandFormat.BranchIcc or OperandFormat.BranchFcc or OperandFormat.BranchPfcc
                or OperandFormat.BranchRegister or OperandFormat.Call => true,
            OperandFormat.BranchPcc => !SyntheticInstructions.IsIprefetch(word),
            OperandFormat.JumpAndLink => !SyntheticInstructions.HasReservedAsiBits(word),
            _ => false,
        };
    }

    /// <summary>How objdump lays out <paramref name="word"/>, or null when it prints "unknown".</summary>
    internal static Layout? LayoutOf(uint word)
    {
        InstructionSpec? spec = InstructionTable.Find(word);
        if (spec is null)
        {
            // V9 A.24: op = 0, op2 = 0 is ILLTRAP; objdump names it only with rd = 0.
            return Op(word) == 0 && Op2(word) == 0 && Rd(word) == 0 ? new Layout("illtrap", "n") : null;
        }

        var widths = new FloatWidths(spec.Rs1Width, spec.Rs2Width, spec.RdWidth);
        bool immediate = I(word);
        switch (spec.Format)
        {
            case OperandFormat.None:
                // objdump requires every field the row leaves open (rd, rs1, i, low 13 bits) to be zero.
                return (word & ~spec.Mask) == 0 ? new Layout(spec.Mnemonic, "") : null;
            case OperandFormat.Arithmetic:
                return SyntheticInstructions.Arithmetic(spec.Mnemonic, word);
            case OperandFormat.Shift:
                return SyntheticInstructions.Shift(spec.Mnemonic, word);
            case OperandFormat.Sethi:
                return new Layout("sethi", "h,d");
            case OperandFormat.BranchIcc:
                return new Layout(BranchName("b", IntegerConditionName(word)), Annul(word) ? ",a l" : "l");
            case OperandFormat.BranchFcc:
                return new Layout(BranchName("fb", RegisterNames.FloatCondition(Cond(word))), Annul(word) ? ",a l" : "l");
            case OperandFormat.BranchPcc:
                return SyntheticInstructions.IsIprefetch(word)
                    ? new Layout("iprefetch", "G")
                    : new Layout(BranchName("b", IntegerConditionName(word)), PredictedBranchArgs(word, ((word >> 21) & 1) != 0 ? "Z" : "z", "G"));
            case OperandFormat.BranchPfcc:
                return new Layout(
                    BranchName("fb", RegisterNames.FloatCondition(Cond(word))),
                    PredictedBranchArgs(word, ((char)('6' + ((word >> 20) & 3))).ToString(), "G"));
            case OperandFormat.BranchRegister:
                return RegisterNames.BranchRegisterCondition(word >> 25) is { } rcond
                    ? new Layout("br" + rcond, PredictedBranchArgs(word, "1", "k"))
                    : null;
            case OperandFormat.Call:
                return new Layout("call", "L");
            case OperandFormat.JumpAndLink:
                return SyntheticInstructions.JumpAndLink(word);
            case OperandFormat.Return:
                return SyntheticInstructions.Return(word);
            case OperandFormat.Trap:
                return SyntheticInstructions.Trap(word);
            case OperandFormat.Load:
            case OperandFormat.Store:
            case OperandFormat.LoadFloat:
            case OperandFormat.StoreFloat:
            case OperandFormat.LoadStoreFsr:
                return MemoryLayouts.LoadOrStore(spec, word);
            case OperandFormat.CompareAndSwap:
                return MemoryLayouts.CompareAndSwap(spec.Mnemonic, word);
            case OperandFormat.Prefetch:
                return new Layout(
                    MemoryLayouts.IsAlternate(word) ? "prefetcha" : "prefetch",
                    MemoryLayouts.Address(word, MemoryLayouts.IsAlternate(word)) + ",*");
            case OperandFormat.Flush:
                return SyntheticInstructions.HasReservedAsiBits(word) ? null : new Layout("flush", MemoryLayouts.Address(word, alternate: false));
            case OperandFormat.Membar:
                // objdump's membar row leaves only the 7 mask bits open.
                return (word & 0x1f80) == 0 ? new Layout("membar", "K") : null;
            case OperandFormat.MoveOnCondition:
                return MoveOnCondition(word);
            case OperandFormat.MoveOnRegister:
                return RegisterNames.MoveRegisterCondition(word >> 10) is { } mrcond
                    ? new Layout("movr" + mrcond, immediate ? "1,j,d" : "1,2,d")
                    : null;
            case OperandFormat.Popc:
                return SyntheticInstructions.HasReservedAsiBits(word) ? null : new Layout("popc", immediate ? "i,d" : "2,d");
            case OperandFormat.ReadStateRegister:
                return StateRegisterLayouts.Read(word);
            case OperandFormat.WriteStateRegister:
                return StateRegisterLayouts.Write(word);
            case OperandFormat.ReadPrivilegedRegister:
                return StateRegisterLayouts.ReadPrivileged(spec.Mnemonic, word);
            case OperandFormat.WritePrivilegedRegister:
                return StateRegisterLayouts.WritePrivileged(spec.Mnemonic, word);
            case OperandFormat.FloatUnary:
                // objdump's one-source FPops require rs1 = 0.
                return Rs1(word) == 0 ? new Layout(spec.Mnemonic, "f,g", widths) : null;
            case OperandFormat.FloatBinary:
                return new Layout(spec.Mnemonic, "e,f,g", widths);
            case OperandFormat.FloatCompare:
                // fcc0 is implied by the V8-compatible form objdump prefers when rd is 0.
                return new Layout(spec.Mnemonic, Rd(word) == 0 ? "e,f" : (char)('6' + (Rd(word) & 3)) + ",e,f", widths);
            case OperandFormat.FloatMoveOnCondition:
                return FloatMoveOnCondition(spec, word, widths);
            case OperandFormat.FloatMoveOnRegister:
                return RegisterNames.MoveRegisterCondition(word >> 10) is { } frcond
                    ? new Layout("fmovr" + WidthLetter(spec.RdWidth) + frcond, "1,f,g", widths)
                    : null;
            case OperandFormat.Vis:
                if (spec.Mnemonic == "siam")
                {
                    // objdump (v9b, the level a binary using siam is marked with): the 3-bit mode; rd, rs1 and rs2 bits 4:3 zero.
                    return (word & 0x3E07_C018) == 0 ? new Layout("siam", "3") : null;
                }

                return new Layout(spec.Mnemonic, VisArgs(spec), widths);
            case OperandFormat.VisInteger:
                return new Layout(spec.Mnemonic, "1,2,d");
            default:
                return null;
        }
    }

    private static string IntegerConditionName(uint word) => RegisterNames.IntegerCondition(Cond(word));

    /// <summary>objdump prints the branch-always forms as plain "b"/"fb" (ba/fba are its aliases).</summary>
    private static string BranchName(string prefix, string condition) => condition == "a" ? prefix : prefix + condition;

    /// <summary>",a" for annulled, ",pn" for predict-not-taken (predict-taken is the unprinted default), then the operands.</summary>
    private static string PredictedBranchArgs(uint word, string first, string target)
    {
        string suffix = (Annul(word) ? ",a" : "") + (((word >> 19) & 1) == 0 ? ",N" : "");
        return suffix + (suffix.Length > 0 ? " " : "") + first + "," + target;
    }

    /// <summary>MOVcc: cc2 (bit 18) = 1 selects %icc/%xcc by cc1:cc0, else %fcc0..3 (V9 A.35).</summary>
    private static Layout MoveOnCondition(uint word)
    {
        bool integerCc = ((word >> 18) & 1) != 0;
        uint cc = (word >> 11) & 3, cond = (word >> 14) & 15;
        string name = "mov" + (integerCc ? RegisterNames.IntegerCondition(cond) : RegisterNames.FloatCondition(cond));
        string ccOperand = integerCc ? (cc == 2 ? "Z" : "z") : ((char)('6' + cc)).ToString();
        return new Layout(name, ccOperand + (I(word) ? ",I,d" : ",2,d"));
    }

    private static Layout? FloatMoveOnCondition(InstructionSpec spec, uint word, FloatWidths widths)
    {
        // opf_cc (bits 13:11): 0..3 fcc0..3, 4 icc, 6 xcc.
        uint opfCc = (word >> 11) & 7;
        uint cond = (word >> 14) & 15;
        string condition = opfCc >= 4 ? RegisterNames.IntegerCondition(cond) : RegisterNames.FloatCondition(cond);
        string cc = opfCc switch
        {
            4 => "z",
            6 => "Z",
            < 4 => ((char)('6' + opfCc)).ToString(),
            _ => "",
        };
        return cc.Length == 0 ? null : new Layout("fmov" + WidthLetter(spec.RdWidth) + condition, cc + ",f,g", widths);
    }

    private static string WidthLetter(FloatWidth width) => width switch
    {
        FloatWidth.Double => "d",
        FloatWidth.Quad => "q",
        _ => "s",
    };

    /// <summary>VIS operands: the sources the row reads (FP by its widths), then rd (integer when it has no FP width).</summary>
    private static string VisArgs(InstructionSpec spec)
    {
        string args = "";
        if ((spec.Flags & InstructionFlags.ReadsRs1) != 0)
        {
            args += "e,";
        }

        if ((spec.Flags & InstructionFlags.ReadsRs2) != 0)
        {
            args += "f,";
        }

        return args + (spec.RdWidth == FloatWidth.None ? "d" : "g");
    }

    /// <summary>objdump's "\t! address" after an or/add/"+ imm" that completes a sethi of rs1.</summary>
    private static string SethiComment(uint word, SethiJoin join, ReadOnlySpan<uint> preceding, Func<ulong, string>? symbolize)
    {
        if (preceding.Length == 0)
        {
            return "";
        }

        uint previous = preceding[^1];
        if (IsDelayedControlTransfer(previous))
        {
            if (preceding.Length < 2)
            {
                return "";
            }

            previous = preceding[^2];
        }

        if ((previous & 0xC1C0_0000) != 0x0100_0000 || Rd(previous) != Rs1(word))
        {
            return "";
        }

        ulong target = Imm22(previous) << 10;
        ulong immediate = (ulong)Simm13(word);
        target = join == SethiJoin.Add ? target + immediate : target | immediate;
        var comment = new System.Text.StringBuilder("\t! ");
        OperandPrinter.AppendAddress(comment, target, symbolize);
        return comment.ToString();
    }
}
