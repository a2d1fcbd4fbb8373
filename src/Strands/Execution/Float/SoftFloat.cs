using System.Numerics;
using static Niagara.Strands.Execution.Float.FsrFields;

namespace Niagara.Strands.Execution.Float;

/// <summary>
/// Exact IEEE 754 arithmetic in integers: every operation forms the exact result (or its
/// leading 64 bits plus a sticky bit) and rounds it once in the FSR rounding mode. It is the
/// reference for the hardware-assisted fast paths in <see cref="Ieee754"/> and handles all
/// their excluded cases: special operands, tiny and huge results, directed rounding near the
/// range limits. Tininess is detected before rounding (impl. dep. #55, V9 B.3/B.4; qemu 7.2 detects it
/// after rounding, see tests/programs/fpu-vectors/README.md).
/// </summary>
public static partial class SoftFloat
{
    public static ulong Add(ulong a, ulong b, bool subtract, FloatFormat f, int rd, ref uint flags)
    {
        if (f.IsNaN(a) || f.IsNaN(b))
        {
            return PropagateNaN(a, b, f, ref flags);
        }

        if (subtract)
        {
            b ^= f.SignBit;
        }

        bool signA = f.IsNegative(a), signB = f.IsNegative(b);
        if (f.IsInfinity(a) || f.IsInfinity(b))
        {
            if (f.IsInfinity(a) && f.IsInfinity(b) && signA != signB)
            {
                flags |= Nv;
                return f.DefaultNaN;
            }

            return f.IsInfinity(a) ? a : b;
        }

        if (f.IsZero(a) || f.IsZero(b))
        {
            if (!f.IsZero(b))
            {
                return b;
            }

            if (!f.IsZero(a))
            {
                return a;
            }

            // IEEE 754 6.3: the sum of opposite zeros is +0, or -0 when rounding toward -inf.
            return signA == signB ? a : (rd == RoundDown ? f.SignBit : 0);
        }

        // Significands at bit 62 leave headroom for the carry; the lower ten bits are zero, so an
        // alignment shift of up to ten bits loses nothing (cancellation is then exact) and longer
        // shifts jam the lost bits into bit 0, far below any rounding position.
        Unpack(a, f, out int expA, out ulong sigA);
        Unpack(b, f, out int expB, out ulong sigB);
        int lzA = BitOperations.LeadingZeroCount(sigA) - 1, lzB = BitOperations.LeadingZeroCount(sigB) - 1;
        sigA <<= lzA;
        expA -= lzA;
        sigB <<= lzB;
        expB -= lzB;
        if (expA < expB || (expA == expB && sigA < sigB))
        {
            (sigA, sigB, expA, expB, signA, signB) = (sigB, sigA, expB, expA, signB, signA);
        }

        sigB = ShiftRightJam(sigB, expA - expB);
        ulong sig;
        if (signA == signB)
        {
            sig = sigA + sigB;
        }
        else
        {
            sig = sigA - sigB;
            if (sig == 0)
            {
                return rd == RoundDown ? f.SignBit : 0;
            }
        }

        return RoundPack(signA, expA, sig, sticky: false, f, rd, ref flags);
    }

    public static ulong Multiply(ulong a, ulong b, FloatFormat f, int rd, ref uint flags)
    {
        if (f.IsNaN(a) || f.IsNaN(b))
        {
            return PropagateNaN(a, b, f, ref flags);
        }

        bool sign = f.IsNegative(a) != f.IsNegative(b);
        ulong signBits = sign ? f.SignBit : 0;
        if (f.IsInfinity(a) || f.IsInfinity(b))
        {
            if (f.IsZero(a) || f.IsZero(b))
            {
                flags |= Nv;
                return f.DefaultNaN;
            }

            return signBits | f.Infinity;
        }

        if (f.IsZero(a) || f.IsZero(b))
        {
            return signBits;
        }

        Unpack(a, f, out int expA, out ulong sigA);
        Unpack(b, f, out int expB, out ulong sigB);
        return RoundProduct(sign, expA + expB, sigA, sigB, f, rd, ref flags);
    }

    public static ulong Divide(ulong a, ulong b, FloatFormat f, int rd, ref uint flags)
    {
        if (f.IsNaN(a) || f.IsNaN(b))
        {
            return PropagateNaN(a, b, f, ref flags);
        }

        bool sign = f.IsNegative(a) != f.IsNegative(b);
        ulong signBits = sign ? f.SignBit : 0;
        if (f.IsInfinity(a))
        {
            if (f.IsInfinity(b))
            {
                flags |= Nv;
                return f.DefaultNaN;
            }

            return signBits | f.Infinity;
        }

        if (f.IsInfinity(b))
        {
            return signBits;
        }

        if (f.IsZero(b))
        {
            if (f.IsZero(a))
            {
                flags |= Nv;
                return f.DefaultNaN;
            }

            flags |= Dz;
            return signBits | f.Infinity;
        }

        if (f.IsZero(a))
        {
            return signBits;
        }

        Unpack(a, f, out int expA, out ulong sigA);
        Unpack(b, f, out int expB, out ulong sigB);
        int lzA = BitOperations.LeadingZeroCount(sigA), lzB = BitOperations.LeadingZeroCount(sigB);
        sigA <<= lzA;
        sigB <<= lzB;

        // Both significands now have bit 63 set, so the quotient of sigA * 2^63 / sigB lies in
        // (2^62, 2^64): at least 63 exact bits, the remainder becomes the sticky bit.
        UInt128 dividend = (UInt128)sigA << 63;
        ulong q = (ulong)(dividend / sigB);
        bool sticky = dividend - ((UInt128)q * sigB) != 0;
        return RoundPack(sign, expA - lzA - (expB - lzB) - 63, q, sticky, f, rd, ref flags);
    }

    public static ulong SquareRoot(ulong a, FloatFormat f, int rd, ref uint flags)
    {
        if (f.IsNaN(a))
        {
            return PropagateNaN(a, a, f, ref flags);
        }

        if (f.IsZero(a))
        {
            return a; // sqrt(-0) = -0
        }

        if (f.IsNegative(a))
        {
            flags |= Nv;
            return f.DefaultNaN;
        }

        if (f.IsInfinity(a))
        {
            return a;
        }

        Unpack(a, f, out int exp, out ulong sig);
        int lz = BitOperations.LeadingZeroCount(sig);
        sig <<= lz;
        exp -= lz;

        // Scale to an even exponent with the radicand in [2^126, 2^128): the root has 64 bits.
        UInt128 radicand;
        if ((exp & 1) != 0)
        {
            radicand = (UInt128)sig << 63;
            exp -= 63;
        }
        else
        {
            radicand = (UInt128)sig << 64;
            exp -= 64;
        }

        ulong root = IntegerSquareRoot(radicand);
        bool sticky = (UInt128)root * root != radicand;
        return RoundPack(false, exp / 2, root, sticky, f, rd, ref flags);
    }

    /// <summary>
    /// Chooses the NaN result of a two-operand FPop (V9 B.2): a signalling NaN
    /// wins over a quiet one, and among equals rs2 (<paramref name="b"/>) wins over rs1; the
    /// result is quieted and a signalling operand raises nv.
    /// </summary>
    public static ulong PropagateNaN(ulong a, ulong b, FloatFormat f, ref uint flags)
    {
        bool snanA = f.IsSignalingNaN(a), snanB = f.IsSignalingNaN(b);
        if (snanA || snanB)
        {
            flags |= Nv;
        }

        ulong pick = snanB ? b
            : snanA ? a
            : f.IsNaN(b) ? b
            : a;
        return f.Quiet(pick);
    }

    /// <summary>Rounds sigA * sigB * 2^exp (exact 128-bit product reduced to 64 bits and sticky).</summary>
    public static ulong RoundProduct(bool sign, int exp, ulong sigA, ulong sigB, FloatFormat f, int rd, ref uint flags)
    {
        ulong high = Math.BigMul(sigA, sigB, out ulong low);
        if (high == 0)
        {
            return RoundPack(sign, exp, low, sticky: false, f, rd, ref flags);
        }

        int lz = BitOperations.LeadingZeroCount(high);
        ulong top = lz == 0 ? high : (high << lz) | (low >> (64 - lz));
        bool sticky = (low << lz) != 0;
        return RoundPack(sign, exp + 64 - lz, top, sticky, f, rd, ref flags);
    }

    /// <summary>
    /// Rounds the value (-1)^sign * (sig + sticky) * 2^exp, sig nonzero and "sticky" meaning some
    /// nonzero amount below sig's last bit, to format <paramref name="f"/> in mode
    /// <paramref name="rd"/>. Sets nx, of, uf (tiny and inexact) or <see cref="FsrFields.TinyExact"/>.
    /// </summary>
    public static ulong RoundPack(bool sign, int exp, ulong sig, bool sticky, FloatFormat f, int rd, ref uint flags)
    {
        int lz = BitOperations.LeadingZeroCount(sig);
        sig <<= lz;
        exp -= lz;
        int e = exp + 63; // unbiased exponent of the leading bit
        ulong signBits = sign ? f.SignBit : 0;
        if (e > f.Emax)
        {
            return Overflow(sign, f, rd, ref flags);
        }

        bool tiny = e < f.Emin;
        int keep = tiny ? f.Precision - (f.Emin - e) : f.Precision;
        int shift = 64 - keep;
        ulong kept;
        ulong rest;
        ulong half;
        if (shift < 64)
        {
            kept = sig >> shift;
            rest = sig & ((1UL << shift) - 1);
            half = 1UL << (shift - 1);
        }
        else
        {
            kept = 0;
            rest = shift == 64 ? sig : 1; // beyond bit 64 the whole value is below half an ulp
            half = shift == 64 ? 1UL << 63 : ulong.MaxValue;
        }

        bool inexact = rest != 0 || sticky;
        bool increment = rd switch
        {
            RoundNearest => rest > half || (rest == half && (sticky || (kept & 1) != 0)),
            RoundUp => inexact && !sign,
            RoundDown => inexact && sign,
            _ => false,
        };
        kept += increment ? 1UL : 0;

        // A normal result carries its hidden bit into the exponent field (biased - 1); a carry out
        // of the significand (to 2^p, or from subnormal to 2^(p-1)) then bumps the exponent.
        ulong bits = tiny ? kept : ((ulong)(e + f.Emax - 1) << f.FractionBits) + kept;
        if (f.BiasedExponent(bits) == f.ExponentAllOnes)
        {
            return Overflow(sign, f, rd, ref flags);
        }

        if (inexact)
        {
            flags |= tiny ? Nx | Uf : Nx;
        }
        else if (tiny)
        {
            flags |= TinyExact;
        }

        return signBits | bits;
    }

    private static ulong Overflow(bool sign, FloatFormat f, int rd, ref uint flags)
    {
        flags |= Of | Nx;
        bool toInfinity = rd switch
        {
            RoundNearest => true,
            RoundUp => !sign,
            RoundDown => sign,
            _ => false,
        };
        return (sign ? f.SignBit : 0) | (toInfinity ? f.Infinity : f.MaxFinite);
    }

    /// <summary>Splits a finite nonzero value into sig * 2^exp with an integer significand.</summary>
    private static void Unpack(ulong bits, FloatFormat f, out int exp, out ulong sig)
    {
        int biased = f.BiasedExponent(bits);
        sig = bits & f.FractionMask;
        if (biased == 0)
        {
            exp = f.Emin - f.FractionBits; // subnormal: no hidden bit
        }
        else
        {
            sig |= 1UL << f.FractionBits;
            exp = biased - f.Emax - f.FractionBits;
        }
    }

    private static ulong ShiftRightJam(ulong value, int count) =>
        count == 0 ? value
        : count >= 64 ? (value != 0 ? 1UL : 0)
        : (value >> count) | ((value << (64 - count)) != 0 ? 1UL : 0);

    /// <summary>floor(sqrt(n)) for n &lt; 2^128: a double estimate refined by Newton steps.</summary>
    private static ulong IntegerSquareRoot(UInt128 n)
    {
        ulong r = (ulong)Math.Min(Math.Sqrt((double)n), 18446744073709549568.0);
        for (int i = 0; i < 2 && r != 0; i++)
        {
            UInt128 next = ((UInt128)r + (n / r)) >> 1;
            r = next > ulong.MaxValue ? ulong.MaxValue : (ulong)next;
        }

        while ((UInt128)r * r > n)
        {
            r--;
        }

        while (r != ulong.MaxValue && (UInt128)(r + 1) * (r + 1) <= n)
        {
            r++;
        }

        return r;
    }
}
