using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Disassembly;

/// <summary>
/// The synthetic forms objdump prefers over a row's own mnemonic (binutils sparc-opc.c: among the
/// entries that match, the one with more fixed bits wins, then real instructions before F_ALIAS
/// ones). So objdump prints mov, clr, cmp, tst, btst, neg, inc/dec, signx/clruw, jmp, ret/retl,
/// call reg, restore/save without operands and iprefetch, but never not/bset/bclr/btog, which
/// tie with their real instruction.
/// </summary>
internal static class SyntheticInstructions
{
    /// <summary>For i = 0, bits 12:5 are unused; objdump's rows demand zeros there (else "unknown").</summary>
    public static bool HasReservedAsiBits(uint word) => !I(word) && (word & 0x1FE0) != 0;

    /// <summary>bn,pt %xcc without annul, which objdump's table names iprefetch.</summary>
    public static bool IsIprefetch(uint word) =>
        Cond(word) == 0 && !Annul(word) && ((word >> 20) & 3) == 2 && ((word >> 19) & 1) == 1;

    public static Layout? Arithmetic(string mnemonic, uint word)
    {
        if (HasReservedAsiBits(word))
        {
            return null;
        }

        bool imm = I(word);
        uint rd = Rd(word), rs1 = Rs1(word), rs2 = Rs2(word);
        long simm = Simm13(word);
        bool incrementOne = imm && simm == 1 && rs1 == rd;
        string general = imm ? "1,i,d" : "1,2,d";
        switch (mnemonic)
        {
            case "or":
                return imm ? OrImmediate(rd, rs1, simm) : OrRegister(rd, rs1, rs2);
            case "add":
                return incrementOne ? new Layout("inc", "d") : new Layout("add", general, JoinsSethi: imm ? SethiJoin.Add : SethiJoin.None);
            case "addcc":
                return incrementOne ? new Layout("inccc", "d") : new Layout("addcc", general);
            case "sub":
                if (!imm && rs1 == 0)
                {
                    return rs2 == rd ? new Layout("neg", "d") : new Layout("neg", "2,d");
                }

                return incrementOne ? new Layout("dec", "d") : new Layout("sub", general);
            case "subcc":
                if (incrementOne)
                {
                    return new Layout("deccc", "d");
                }

                return rd == 0 ? new Layout("cmp", imm ? "1,i" : "1,2") : new Layout("subcc", general);
            case "orcc":
                if (rd == 0 && (imm ? simm == 0 : rs2 == 0))
                {
                    return new Layout("tst", "1");
                }

                return rd == 0 && !imm && rs1 == 0 ? new Layout("tst", "2") : new Layout("orcc", general);
            case "andcc":
                return rd == 0 ? new Layout("btst", imm ? "i,1" : "1,2") : new Layout("andcc", general);
            case "restore":
                return rd == 0 && rs1 == 0 && (imm ? simm == 0 : rs2 == 0) ? new Layout("restore", "") : new Layout("restore", general);
            case "save":
                return (word & 0x3E07_FFFF) == 0 ? new Layout("save", "") : new Layout("save", general);
            default:
                return new Layout(mnemonic, general);
        }
    }

    private static Layout OrRegister(uint rd, uint rs1, uint rs2)
    {
        if (rs2 == 0)
        {
            return rs1 == 0 && rd == 0 ? new Layout("clr", "d") : new Layout("mov", "1,d");
        }

        return rs1 == 0 ? new Layout("mov", "2,d") : new Layout("or", "1,2,d");
    }

    /// <summary>All four share the "or rs1, imm, rd" opcode entry, so each gets the sethi comment.</summary>
    private static Layout OrImmediate(uint rd, uint rs1, long simm)
    {
        if (simm == 0)
        {
            return rs1 == 0 ? new Layout("clr", "d", JoinsSethi: SethiJoin.Or) : new Layout("mov", "1,d", JoinsSethi: SethiJoin.Or);
        }

        return rs1 == 0 ? new Layout("mov", "i,d", JoinsSethi: SethiJoin.Or) : new Layout("or", "1,i,d", JoinsSethi: SethiJoin.Or);
    }

    public static Layout? Shift(string mnemonic, uint word)
    {
        bool extended = X(word);
        // Unused bits must be zero: 11:5 for register counts and shcnt32, 11:6 for shcnt64.
        uint unused = I(word) && extended ? 0xFC0u : 0xFE0u;
        if ((word & unused) != 0)
        {
            return null;
        }

        if (!I(word) && Rs2(word) == 0 && !extended && (mnemonic == "sra" || mnemonic == "srl"))
        {
            string alias = mnemonic == "sra" ? "signx" : "clruw";
            return Rs1(word) == Rd(word) ? new Layout(alias, "d") : new Layout(alias, "1,d");
        }

        return new Layout(mnemonic, I(word) ? (extended ? "1,Y,d" : "1,X,d") : "1,2,d");
    }

    public static Layout? JumpAndLink(uint word)
    {
        if (HasReservedAsiBits(word))
        {
            return null;
        }

        bool imm = I(word);
        uint rd = Rd(word), rs1 = Rs1(word);
        long simm = Simm13(word);
        if (imm && simm == 8 && (rs1 == 31 || rs1 == 15))
        {
            // objdump's ret/retl rows do not look at rd.
            return new Layout(rs1 == 31 ? "ret" : "retl", "");
        }

        string target = imm ? (simm == 0 ? "1" : rs1 == 0 ? "i" : "1+i") : (Rs2(word) == 0 ? "1" : "1+2");
        return rd switch
        {
            0 => new Layout("jmp", target),
            15 => new Layout("call", target),
            _ => new Layout("jmpl", target + ",d"),
        };
    }

    public static Layout? Return(uint word)
    {
        if (HasReservedAsiBits(word))
        {
            return null;
        }

        return new Layout("return", I(word) ? (Simm13(word) == 0 ? "1" : Rs1(word) == 0 ? "i" : "1+i") : (Rs2(word) == 0 ? "1" : "1+2"));
    }

    /// <summary>Tcc: "ta" for always; %icc is implied, %xcc printed; the immediate is objdump's simm13 of the word.</summary>
    public static Layout Trap(uint word)
    {
        string cc = ((word >> 11) & 3) == 2 ? "Z," : "";
        string operands = I(word) ? (Rs1(word) == 0 ? "i" : "1+i") : (Rs2(word) == 0 ? "1" : "1+2");
        return new Layout("t" + RegisterNames.IntegerCondition(Cond(word)), cc + operands);
    }
}
