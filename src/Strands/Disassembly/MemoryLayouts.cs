using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Disassembly;

/// <summary>objdump's layouts of loads, stores, compare-and-swap and their address operands.</summary>
internal static class MemoryLayouts
{
    /// <summary>V9 A.2: in the op = 3 space, op3 bit 4 selects the alternate-space (ASI) form.</summary>
    public static bool IsAlternate(uint word) => Op(word) == 3 && (Op3(word) & 0x10) != 0;

    /// <summary>
    /// "[ rs1 + rs2 ]", "[ rs1 + imm ]", "[ imm ]" (rs1 = %g0) or "[ rs1 ]" (rs2 = %g0 or imm = 0),
    /// followed by the immediate ASI or %asi for the alternate forms.
    /// </summary>
    public static string Address(uint word, bool alternate)
    {
        if (!I(word))
        {
            return (Rs2(word) == 0 ? "[1]" : "[1+2]") + (alternate ? "A" : "");
        }

        string address = Simm13(word) == 0 ? "[1]" : Rs1(word) == 0 ? "[i]" : "[1+i]";
        return address + (alternate ? "o" : "");
    }

    /// <summary>
    /// Loads and stores under the row's mnemonic (the table uses objdump's names: ld for LDUW,
    /// ldtw for LDD, ldd for LDDF ...), FP registers by the row's rd width.
    /// </summary>
    public static Layout? LoadOrStore(InstructionSpec spec, uint word)
    {
        bool alternate = IsAlternate(word);
        bool store = spec.Format is OperandFormat.Store or OperandFormat.StoreFloat
            || (spec.Format == OperandFormat.LoadStoreFsr && spec.Mnemonic.StartsWith("st", StringComparison.Ordinal));
        if (!alternate && SyntheticInstructions.HasReservedAsiBits(word) && ChecksUnusedAsi(spec, store))
        {
            return null;
        }

        string address = Address(word, alternate);
        var widths = new FloatWidths(FloatWidth.None, FloatWidth.None, spec.RdWidth);
        switch (spec.Format)
        {
            case OperandFormat.Load:
                return new Layout(spec.Mnemonic, address + ",d");
            case OperandFormat.Store:
                if (!alternate && Rd(word) == 0 && ClearName(spec.Mnemonic) is { } clear)
                {
                    return new Layout(clear, address);
                }

                return new Layout(spec.Mnemonic, "d," + address);
            case OperandFormat.LoadFloat:
                return new Layout(spec.Mnemonic, address + ",g", widths);
            case OperandFormat.StoreFloat:
                // binutils' stqa register-offset row also demands imm_asi = 0 (a quirk of its table).
                if (alternate && spec.RdWidth == FloatWidth.Quad && !I(word) && ImmAsi(word) != 0)
                {
                    return null;
                }

                return new Layout(spec.Mnemonic, "g," + address, widths);
            default:
                // ld/st %fsr (rd = 0) and ldx/stx %fsr (rd = 1).
                return new Layout(spec.Mnemonic, store ? "F," + address : address + ",F");
        }
    }

    /// <summary>
    /// Whether objdump's row demands zeros in the unused imm_asi field of the register form: all
    /// non-alternate loads and stores do except ld (LDUW), ld to an FP single and ld/ldx %fsr.
    /// </summary>
    private static bool ChecksUnusedAsi(InstructionSpec spec, bool store) => store || spec.Format switch
    {
        OperandFormat.Load => spec.Mnemonic != "ld",
        OperandFormat.LoadFloat => spec.RdWidth != FloatWidth.Single,
        _ => false,
    };

    /// <summary>casa/casxa; with ASI_P or ASI_P_L in the instruction objdump prints cas/casl/casx/casxl.</summary>
    public static Layout CompareAndSwap(string mnemonic, uint word)
    {
        string baseName = mnemonic.EndsWith('a') ? mnemonic[..^1] : mnemonic;
        if (!I(word) && (ImmAsi(word) == 0x80 || ImmAsi(word) == 0x88))
        {
            return new Layout(ImmAsi(word) == 0x80 ? baseName : baseName + "l", "[1],2,d");
        }

        return new Layout(baseName + "a", I(word) ? "[1]o,2,d" : "[1]A,2,d");
    }

    /// <summary>Stores of %g0 objdump prints as clr/clrb/clrh/clrx (not the twin-word or alternate ones).</summary>
    private static string? ClearName(string mnemonic) => mnemonic switch
    {
        "st" => "clr",
        "stb" => "clrb",
        "sth" => "clrh",
        "stx" => "clrx",
        _ => null,
    };
}
