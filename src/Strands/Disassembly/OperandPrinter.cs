using System.Globalization;
using System.Text;
using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Disassembly;

/// <summary>
/// How objdump lays out one instruction: the mnemonic and an operand template in the notation of
/// binutils' sparc-opc.c ("1,i,d", "[1+2]A,d", ",a,N Z,G" ...). The template says which fields to
/// print and in which order, never how the instruction is encoded.
/// </summary>
/// <param name="Name">The mnemonic objdump prints.</param>
/// <param name="Args">Operand template; see <see cref="OperandPrinter"/> for the letters.</param>
/// <param name="Widths">FP operand widths of the row, for the e/f/g letters.</param>
/// <param name="JoinsSethi">
/// The immediate is OR'ed or added to rs1, so a preceding sethi of rs1 gets objdump's
/// "! address" comment (the or/add immediate rows; "+ imm" operands set it themselves).
/// </param>
internal readonly record struct Layout(string Name, string Args, FloatWidths Widths = default, SethiJoin JoinsSethi = SethiJoin.None);

internal readonly record struct FloatWidths(FloatWidth Rs1, FloatWidth Rs2, FloatWidth Rd);

internal enum SethiJoin
{
    None,
    Add,
    Or,
}

/// <summary>
/// Renders a <see cref="Layout"/> exactly as binutils' print_insn_sparc does: a space before every
/// operand character, commas and ",a"/",pt"/",pn" suffixes printed as they come.
/// Letters: 1/2/d integer rs1/rs2/rd; e/f/g FP rs1/rs2/rd (width from the row); i/I/j simm13/11/10;
/// X/Y 5/6-bit shift count; h sethi value; n illtrap value; l/G/k/L disp22/19/16/30 targets;
/// A immediate ASI; o %asi; z/Z %icc/%xcc; 6..9 %fcc0..3; E %ccr; s %fprs; W %tick; P %pc; y %y;
/// F %fsr; M/m %asrN of rs1/rd; //_ named asr of rs1/rd; ?/! privileged register of rs1/rd;
/// K membar mask; * prefetch function; 3 siam mode.
/// </summary>
internal static class OperandPrinter
{
    /// <summary>Renders the instruction; <paramref name="joinedImmediate"/> tells how the sethi comment applies.</summary>
    public static string Render(in Layout layout, uint word, ulong pc, Func<ulong, string>? symbolize, out SethiJoin joinedImmediate)
    {
        var text = new StringBuilder(48);
        text.Append(layout.Name);
        string args = layout.Args;
        joinedImmediate = layout.JoinsSethi;
        bool foundPlus = false;
        if (args.Length == 0 || args[0] != ',')
        {
            text.Append(' ');
        }

        for (int s = 0; s < args.Length; s++)
        {
            while (s < args.Length && args[s] == ',')
            {
                text.Append(',');
                s++;
                if (s < args.Length && args[s] == 'a')
                {
                    text.Append('a');
                    s++;
                }
                else if (s < args.Length && args[s] == 'N')
                {
                    text.Append("pn");
                    s++;
                }
                else if (s < args.Length && args[s] == 'T')
                {
                    text.Append("pt");
                    s++;
                }
                else
                {
                    break;
                }
            }

            if (s >= args.Length)
            {
                break;
            }

            text.Append(' ');
            char c = args[s];
            if (c == '+')
            {
                foundPlus = true;
            }
            else if (foundPlus && c == 'i')
            {
                joinedImmediate = SethiJoin.Add;
            }

            AppendOperand(text, c, layout.Widths, word, pc, symbolize);
        }

        return text.ToString();
    }

    private static void AppendOperand(StringBuilder text, char c, FloatWidths widths, uint word, ulong pc, Func<ulong, string>? symbolize)
    {
        switch (c)
        {
            case '1': text.Append(RegisterNames.Int(Rs1(word))); break;
            case '2': text.Append(RegisterNames.Int(Rs2(word))); break;
            case 'd': text.Append(RegisterNames.Int(Rd(word))); break;
            case 'e': text.Append(RegisterNames.Float(Rs1(word), widths.Rs1)); break;
            case 'f': text.Append(RegisterNames.Float(Rs2(word), widths.Rs2)); break;
            case 'g': text.Append(RegisterNames.Float(Rd(word), widths.Rd)); break;
            case 'i': AppendImmediate(text, Simm13(word)); break;
            case 'I': AppendImmediate(text, Simm11(word)); break;
            case 'j': AppendImmediate(text, Simm10(word)); break;
            case 'X': AppendImmediate(text, word & 0x1f); break;
            case 'Y': AppendImmediate(text, word & 0x3f); break;
            case 'h': text.Append("%hi(").Append(Hex32(Imm22(word) << 10)).Append(')'); break;
            case 'n': text.Append(Hex32((uint)SignExtend(Imm22(word), 22))); break;
            case 'l': AppendAddress(text, pc + (ulong)Disp22(word), symbolize); break;
            case 'G': AppendAddress(text, pc + (ulong)Disp19(word), symbolize); break;
            case 'k': AppendAddress(text, pc + (ulong)Disp16(word), symbolize); break;
            case 'L': AppendAddress(text, pc + (ulong)Disp30(word), symbolize); break;
            case 'A': text.Append(RegisterNames.Asi(ImmAsi(word))); break;
            case 'o': text.Append("%asi"); break;
            case 'z': text.Append("%icc"); break;
            case 'Z': text.Append("%xcc"); break;
            case >= '6' and <= '9': text.Append("%fcc").Append((char)(c - '6' + '0')); break;
            case 'E': text.Append("%ccr"); break;
            case 's': text.Append("%fprs"); break;
            case 'W': text.Append("%tick"); break;
            case 'P': text.Append("%pc"); break;
            case 'y': text.Append("%y"); break;
            case 'F': text.Append("%fsr"); break;
            case 'M': text.Append("%asr").Append(Rs1(word).ToString(CultureInfo.InvariantCulture)); break;
            case 'm': text.Append("%asr").Append(Rd(word).ToString(CultureInfo.InvariantCulture)); break;
            case '/': text.Append(RegisterNames.AncillaryRegister(Rs1(word), write: false) ?? "%reserved"); break;
            case '_': text.Append(RegisterNames.AncillaryRegister(Rd(word), write: true) ?? "%reserved"); break;
            case '?': text.Append(RegisterNames.PrivilegedRegister(Rs1(word)) ?? "%reserved"); break;
            case '!': text.Append(RegisterNames.PrivilegedRegister(Rd(word)) ?? "%reserved"); break;
            case 'K': text.Append(RegisterNames.MembarMask(word)); break;
            case '3': text.Append((word & 7).ToString(CultureInfo.InvariantCulture)); break;
            case '*': text.Append(RegisterNames.PrefetchFunction(Rd(word))); break;
            default: text.Append(c); break;
        }
    }

    /// <summary>objdump prints immediates up to 9 (and all negative ones) in decimal, larger ones as 0x hex.</summary>
    private static void AppendImmediate(StringBuilder text, long value)
    {
        if (value <= 9)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append("0x").Append(value.ToString("x", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>C's "%#x": "0" for zero, "0x..." otherwise.</summary>
    private static string Hex32(uint value) =>
        value == 0 ? "0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// objdump's address operand: for a file without symbols "0x" and the hex digits; with a
    /// symbol table the bare hex digits and " &lt;symbol+0xoff&gt;" from <paramref name="symbolize"/>.
    /// </summary>
    internal static void AppendAddress(StringBuilder text, ulong address, Func<ulong, string>? symbolize)
    {
        if (symbolize is null)
        {
            text.Append("0x").Append(address.ToString("x", CultureInfo.InvariantCulture));
            return;
        }

        text.Append(address.ToString("x", CultureInfo.InvariantCulture)).Append(" <").Append(symbolize(address)).Append('>');
    }
}
