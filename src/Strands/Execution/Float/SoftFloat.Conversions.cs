using static Niagara.Strands.Execution.Float.FsrFields;

namespace Niagara.Strands.Execution.Float;

/// <summary>The conversions of <see cref="SoftFloat"/>: integer to float, float to integer, single and double.</summary>
public static partial class SoftFloat
{
    /// <summary>Converts a signed integer to the format (FiTOs, FiTOd, FxTOs, FxTOd).</summary>
    public static ulong FromInteger(long value, FloatFormat f, int rd, ref uint flags)
    {
        if (value == 0)
        {
            return 0;
        }

        bool sign = value < 0;
        ulong magnitude = sign ? (ulong)-value : (ulong)value; // -long.MinValue wraps to 2^63, as wanted
        return RoundPack(sign, 0, magnitude, sticky: false, f, rd, ref flags);
    }

    /// <summary>
    /// Converts toward zero to a signed integer of <paramref name="bits"/> (32 or 64) bits
    /// (FsTOi, FdTOi, FsTOx, FdTOx always truncate, V9 A.14). NaN, infinities and out-of-range
    /// values raise nv and give the largest integer of the operand's sign (NaN: positive).
    /// </summary>
    public static long ToInteger(ulong a, FloatFormat f, int bits, ref uint flags)
    {
        long max = bits == 32 ? int.MaxValue : long.MaxValue;
        long min = bits == 32 ? int.MinValue : long.MinValue;
        bool sign = f.IsNegative(a);
        if (f.IsNaN(a) || f.IsInfinity(a))
        {
            flags |= Nv;
            return f.IsNaN(a) || !sign ? max : min;
        }

        if (f.IsZero(a))
        {
            return 0;
        }

        Unpack(a, f, out int exp, out ulong sig);
        ulong magnitude;
        bool fraction;
        if (exp >= 0)
        {
            if (exp > 64 - f.Precision)
            {
                flags |= Nv; // at least 2^64: out of range for any sign
                return sign ? min : max;
            }

            magnitude = sig << exp;
            fraction = false;
        }
        else if (exp <= -64)
        {
            magnitude = 0;
            fraction = true;
        }
        else
        {
            magnitude = sig >> -exp;
            fraction = (sig & ((1UL << -exp) - 1)) != 0;
        }

        ulong limit = sign ? (ulong)-(min + 1) + 1 : (ulong)max;
        if (magnitude > limit)
        {
            flags |= Nv;
            return sign ? min : max;
        }

        if (fraction)
        {
            flags |= Nx;
        }

        return sign ? (long)(0 - magnitude) : (long)magnitude;
    }

    /// <summary>FsTOd, FdTOs and the widening inside FsMULd: rounds when narrowing.</summary>
    public static ulong Convert(ulong a, FloatFormat from, FloatFormat to, int rd, ref uint flags)
    {
        bool sign = from.IsNegative(a);
        ulong signBits = sign ? to.SignBit : 0;
        if (from.IsNaN(a))
        {
            if (from.IsSignalingNaN(a))
            {
                flags |= Nv;
            }

            // V8 N.4 / V9 B.2: keep the sign and the leading fraction bits, set the quiet bit.
            ulong fraction = a & from.FractionMask;
            fraction = to.FractionBits >= from.FractionBits
                ? fraction << (to.FractionBits - from.FractionBits)
                : fraction >> (from.FractionBits - to.FractionBits);
            return signBits | to.Infinity | to.QuietBit | fraction;
        }

        if (from.IsInfinity(a))
        {
            return signBits | to.Infinity;
        }

        if (from.IsZero(a))
        {
            return signBits;
        }

        Unpack(a, from, out int exp, out ulong sig);
        return RoundPack(sign, exp, sig, sticky: false, to, rd, ref flags);
    }
}
