namespace Niagara.Strands.Isa;

/// <summary>The fixed bits of an instruction encoding: (word &amp; Mask) == Match.</summary>
public readonly record struct Encoding(uint Mask, uint Match)
{
    /// <summary>op = 0 (branches, SETHI): op2 in bits 24:22.</summary>
    public static Encoding Format2(uint op2) => new(0xC1C0_0000, op2 << 22);

    /// <summary>op = 2 (arithmetic, control, FP) with op3 in bits 24:19.</summary>
    public static Encoding Arith(uint op3) => new(0xC1F8_0000, (2u << 30) | (op3 << 19));

    /// <summary>op = 3 (memory) with op3 in bits 24:19.</summary>
    public static Encoding Memory(uint op3) => new(0xC1F8_0000, (3u << 30) | (op3 << 19));

    /// <summary>Also requires <paramref name="value"/> in the field of <paramref name="width"/> bits at <paramref name="shift"/>.</summary>
    public Encoding With(int shift, int width, uint value)
    {
        uint fieldMask = ((1u << width) - 1) << shift;
        return new Encoding(Mask | fieldMask, Match | ((value << shift) & fieldMask));
    }

    /// <summary>Also requires the 9-bit opf field (bits 13:5) of FPop and IMPDEP1 encodings.</summary>
    public Encoding Opf(uint opf) => With(5, 9, opf);

    /// <summary>Also requires the rd field (bits 29:25).</summary>
    public Encoding Rd(uint rd) => With(25, 5, rd);

    /// <summary>Also requires the rs1 field (bits 18:14).</summary>
    public Encoding Rs1(uint rs1) => With(14, 5, rs1);

    /// <summary>Also requires the i bit (bit 13).</summary>
    public Encoding I(bool immediate) => With(13, 1, immediate ? 1u : 0u);
}
