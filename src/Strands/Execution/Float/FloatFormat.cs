namespace Niagara.Strands.Execution.Float;

/// <summary>
/// An IEEE 754 binary format (single or double) described by its field widths. Values travel as
/// raw bits in a ulong (a single in the low 32 bits).
/// </summary>
public readonly struct FloatFormat
{
    public static readonly FloatFormat Single = new(23, 8);
    public static readonly FloatFormat Double = new(52, 11);

    private FloatFormat(int fractionBits, int exponentBits)
    {
        FractionBits = fractionBits;
        Emax = (1 << (exponentBits - 1)) - 1;
        SignShift = fractionBits + exponentBits;
        FractionMask = (1UL << fractionBits) - 1;
        QuietBit = 1UL << (fractionBits - 1);
        ExponentAllOnes = (1 << exponentBits) - 1;
        Infinity = (ulong)ExponentAllOnes << fractionBits;
        DefaultNaN = Infinity | FractionMask;
        MaxFinite = Infinity - 1;
    }

    public int FractionBits { get; }

    /// <summary>Significand bits including the hidden bit (24 or 53).</summary>
    public int Precision => FractionBits + 1;

    /// <summary>Largest unbiased exponent; also the bias (127 or 1023).</summary>
    public int Emax { get; }

    public int Emin => 1 - Emax;

    public int SignShift { get; }

    public ulong FractionMask { get; }

    public ulong QuietBit { get; }

    public int ExponentAllOnes { get; }

    /// <summary>+infinity's bits.</summary>
    public ulong Infinity { get; }

    /// <summary>SPARC's default NaN: sign 0, all fraction bits set (V9 B.2: 0x7fffffff / 0x7fffffffffffffff).</summary>
    public ulong DefaultNaN { get; }

    public ulong MaxFinite { get; }

    public ulong SignBit => 1UL << SignShift;

    public int BiasedExponent(ulong bits) => (int)(bits >> FractionBits) & ExponentAllOnes;

    public bool IsNegative(ulong bits) => ((bits >> SignShift) & 1) != 0;

    public bool IsNaN(ulong bits) => BiasedExponent(bits) == ExponentAllOnes && (bits & FractionMask) != 0;

    public bool IsSignalingNaN(ulong bits) => IsNaN(bits) && (bits & QuietBit) == 0;

    public bool IsInfinity(ulong bits) => (bits & ~SignBit) == Infinity;

    public bool IsZero(ulong bits) => (bits & ~SignBit) == 0;

    public ulong Quiet(ulong bits) => bits | QuietBit;
}
