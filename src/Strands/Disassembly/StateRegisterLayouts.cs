using static Niagara.Strands.Isa.InstructionFields;

namespace Niagara.Strands.Disassembly;

/// <summary>objdump's layouts of rd/wr (ancillary state registers) and rdpr/wrpr.</summary>
internal static class StateRegisterLayouts
{
    /// <summary>Low 13 bits (and i) must be zero in objdump's rd/rdpr rows.</summary>
    private static bool LowBitsClear(uint word) => (word & 0x3FFF) == 0;

    public static Layout? Read(uint word)
    {
        if (!LowBitsClear(word))
        {
            return null;
        }

        uint asr = Rs1(word);
        string source = asr switch
        {
            0 => "y",
            2 => "E",
            3 => "o",
            4 => "W",
            5 => "P",
            6 => "s",
            _ => RegisterNames.AncillaryRegister(asr, write: false) is null ? "M" : "/",
        };
        return new Layout("rd", source + ",d");
    }

    public static Layout? Write(uint word)
    {
        if (SyntheticInstructions.HasReservedAsiBits(word))
        {
            return null;
        }

        uint asr = Rd(word);
        bool imm = I(word);
        if (asr == 15 && imm && Rs1(word) == 0)
        {
            return new Layout("sir", "i");
        }

        string full = imm ? "1,i," : "1,2,";
        switch (asr)
        {
            case 2:
                return new Layout("wr", full + "E");
            case 3:
                return new Layout("wr", full + "o");
            case 6:
                return new Layout("wr", full + "s");
        }

        if (RegisterNames.AncillaryRegister(asr, write: true) is not null)
        {
            return new Layout("wr", full + "_");
        }

        // %y and the unnamed %asrN also have the short forms "wr rs1, reg" and "wr src, reg".
        string register = asr == 0 ? "y" : "m";
        if (imm ? Simm13(word) == 0 : Rs2(word) == 0)
        {
            return new Layout("wr", "1," + register);
        }

        if (Rs1(word) == 0)
        {
            return new Layout("wr", (imm ? "i," : "2,") + register);
        }

        return new Layout("wr", full + register);
    }

    public static Layout? ReadPrivileged(string mnemonic, uint word) =>
        RegisterNames.PrivilegedRegister(Rs1(word)) is null || !LowBitsClear(word) ? null : new Layout(mnemonic, "?,d");

    public static Layout? WritePrivileged(string mnemonic, uint word)
    {
        if (RegisterNames.PrivilegedRegister(Rd(word)) is null)
        {
            return null;
        }

        if (I(word))
        {
            return new Layout(mnemonic, Rs1(word) == 0 ? "i,!" : "1,i,!");
        }

        return new Layout(mnemonic, (word & 0x1FFF) == 0 ? "1,!" : "1,2,!");
    }
}
