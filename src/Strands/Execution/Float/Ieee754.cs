using System.Runtime.CompilerServices;
using static Niagara.Strands.Execution.Float.FsrFields;

namespace Niagara.Strands.Execution.Float;

/// <summary>
/// The FPops' arithmetic on raw register bits, in any FSR rounding mode, with exact IEEE flags.
/// .NET computes only round-to-nearest, so each operation takes the host result and the sign of
/// its exact error (TwoSum for add, FMA residuals for multiply, divide and square root) and
/// steps one ulp when a directed mode needs it; singles are computed in double and then rounded
/// once with that error as a sticky bit. These fast paths apply only while every quantity stays
/// far from underflow and overflow (so the residuals are exact and a one-ulp step cannot leave
/// the normal range); everything else goes to <see cref="SoftFloat"/>, which is exact throughout.
/// </summary>
public static class Ieee754
{
    // Fast window for doubles: biased exponents of 2^-900 .. 2^1000.
    private const int DoubleFastMin = 123;
    private const int DoubleFastMax = 2023;

    // A double whose single exponent lies in [2, 253] rounds to a normal single even after a
    // one-ulp step either way.
    private const int SingleInDoubleMin = 1023 - 127 + 2;
    private const int SingleInDoubleMax = 1023 - 127 + 253;

    private const ulong DoubleSign = 1UL << 63;
    private const uint SingleSign = 1u << 31;

    // HOT PATH: the handlers of faddd, fmuld ... call these per instruction.
    public static ulong AddDouble(ulong a, ulong b, bool subtract, int rd, ref uint flags)
    {
        double x = D(a), y = D(subtract ? b ^ DoubleSign : b);
        double r = x + y;
        ulong bits = Bits(r);
        if (InDoubleWindow(bits))
        {
            double err = TwoSumError(x, y, r);
            return err == 0 ? bits : Step(bits, err > 0, rd, ref flags);
        }

        return SoftFloat.Add(a, b, subtract, FloatFormat.Double, rd, ref flags);
    }

    public static ulong MultiplyDouble(ulong a, ulong b, int rd, ref uint flags)
    {
        double x = D(a), y = D(b);
        double r = x * y;
        ulong bits = Bits(r);
        if (InDoubleWindow(bits))
        {
            double err = Math.FusedMultiplyAdd(x, y, -r);
            return err == 0 ? bits : Step(bits, err > 0, rd, ref flags);
        }

        return SoftFloat.Multiply(a, b, FloatFormat.Double, rd, ref flags);
    }

    public static ulong DivideDouble(ulong a, ulong b, int rd, ref uint flags)
    {
        double x = D(a), y = D(b);
        double q = x / y;
        ulong bits = Bits(q);
        if (InDoubleWindow(bits) && Exponent(a) >= DoubleFastMin)
        {
            // x - q*y is exact here; x/y - q has its sign times the sign of y.
            double rem = Math.FusedMultiplyAdd(-q, y, x);
            return rem == 0 ? bits : Step(bits, (rem > 0) == (y > 0), rd, ref flags);
        }

        return SoftFloat.Divide(a, b, FloatFormat.Double, rd, ref flags);
    }

    public static ulong SquareRootDouble(ulong a, int rd, ref uint flags)
    {
        double x = D(a);
        if ((long)a > 0 && Exponent(a) >= DoubleFastMin && Exponent(a) < 2047)
        {
            double r = Math.Sqrt(x);
            double rem = Math.FusedMultiplyAdd(-r, r, x);
            return rem == 0 ? Bits(r) : Step(Bits(r), rem > 0, rd, ref flags);
        }

        return SoftFloat.SquareRoot(a, FloatFormat.Double, rd, ref flags);
    }

    public static uint AddSingle(uint a, uint b, bool subtract, int rd, ref uint flags)
    {
        double x = F(a), y = F(subtract ? b ^ SingleSign : b);
        double r = x + y;
        if (InSingleWindow(r))
        {
            return RoundToSingle(r, TwoSumError(x, y, r), rd, ref flags);
        }

        return (uint)SoftFloat.Add(a, b, subtract, FloatFormat.Single, rd, ref flags);
    }

    public static uint MultiplySingle(uint a, uint b, int rd, ref uint flags)
    {
        double r = F(a) * (double)F(b); // 24 x 24 bits: exact in double
        if (InSingleWindow(r))
        {
            return RoundToSingle(r, 0, rd, ref flags);
        }

        return (uint)SoftFloat.Multiply(a, b, FloatFormat.Single, rd, ref flags);
    }

    public static uint DivideSingle(uint a, uint b, int rd, ref uint flags)
    {
        double x = F(a), y = F(b);
        double q = x / y;
        if (InSingleWindow(q))
        {
            double rem = Math.FusedMultiplyAdd(-q, y, x);
            double err = rem == 0 ? 0 : ((rem > 0) == (y > 0) ? 1 : -1);
            return RoundToSingle(q, err, rd, ref flags);
        }

        return (uint)SoftFloat.Divide(a, b, FloatFormat.Single, rd, ref flags);
    }

    public static uint SquareRootSingle(uint a, int rd, ref uint flags)
    {
        double x = F(a);
        double r = Math.Sqrt(x);
        if (InSingleWindow(r))
        {
            double rem = Math.FusedMultiplyAdd(-r, r, x);
            return RoundToSingle(r, rem, rd, ref flags);
        }

        return (uint)SoftFloat.SquareRoot(a, FloatFormat.Single, rd, ref flags);
    }

    /// <summary>FsMULd: the exact double product of two singles (never rounds).</summary>
    public static ulong MultiplySingleToDouble(uint a, uint b, ref uint flags)
    {
        FloatFormat s = FloatFormat.Single;
        if (s.IsNaN(a) || s.IsNaN(b))
        {
            ulong nan = SoftFloat.PropagateNaN(a, b, s, ref flags);
            return SoftFloat.Convert(nan, s, FloatFormat.Double, RoundNearest, ref flags);
        }

        if ((s.IsInfinity(a) && s.IsZero(b)) || (s.IsZero(a) && s.IsInfinity(b)))
        {
            flags |= Nv;
            return FloatFormat.Double.DefaultNaN;
        }

        return Bits(F(a) * (double)F(b));
    }

    public static ulong SingleToDouble(uint a, ref uint flags) =>
        FloatFormat.Single.IsNaN(a)
            ? SoftFloat.Convert(a, FloatFormat.Single, FloatFormat.Double, RoundNearest, ref flags)
            : Bits(F(a));

    public static uint DoubleToSingle(ulong a, int rd, ref uint flags)
    {
        double x = D(a);
        return InSingleWindow(x)
            ? RoundToSingle(x, 0, rd, ref flags)
            : (uint)SoftFloat.Convert(a, FloatFormat.Double, FloatFormat.Single, rd, ref flags);
    }

    /// <summary>FiTOs / FxTOs.</summary>
    public static uint IntegerToSingle(long value, int rd, ref uint flags) =>
        value is >= -(1L << 24) and <= 1L << 24
            ? FloatBits(value)
            : (uint)SoftFloat.FromInteger(value, FloatFormat.Single, rd, ref flags);

    /// <summary>FiTOd (always exact) / FxTOd.</summary>
    public static ulong IntegerToDouble(long value, int rd, ref uint flags) =>
        value is >= -(1L << 53) and <= 1L << 53
            ? Bits(value)
            : SoftFloat.FromInteger(value, FloatFormat.Double, rd, ref flags);

    /// <summary>FsTOi (bits = 32) / FsTOx (bits = 64): truncation.</summary>
    public static long SingleToInteger(uint a, int bits, ref uint flags)
    {
        double x = F(a);
        double limit = bits == 32 ? 2147483648.0 : 9223372036854775808.0;
        if (Math.Abs(x) < limit)
        {
            long t = (long)x;
            flags |= t != x ? Nx : 0;
            return t;
        }

        return SoftFloat.ToInteger(a, FloatFormat.Single, bits, ref flags);
    }

    /// <summary>FdTOi (bits = 32) / FdTOx (bits = 64): truncation.</summary>
    public static long DoubleToInteger(ulong a, int bits, ref uint flags)
    {
        double x = D(a);
        double limit = bits == 32 ? 2147483648.0 : 9223372036854775808.0;
        if (Math.Abs(x) < limit)
        {
            long t = (long)x;
            flags |= t != x ? Nx : 0;
            return t;
        }

        return SoftFloat.ToInteger(a, FloatFormat.Double, bits, ref flags);
    }

    /// <summary>FCMPs/FCMPEs: fcc 0 =, 1 &lt;, 2 &gt;, 3 unordered (nv for sNaN, or any NaN when signalling).</summary>
    public static int CompareSingle(uint a, uint b, bool signalOnNaN, ref uint flags)
    {
        float x = BitConverter.UInt32BitsToSingle(a), y = BitConverter.UInt32BitsToSingle(b);
        return x < y ? 1
            : x > y ? 2
            : x == y ? 0
            : Unordered(signalOnNaN || FloatFormat.Single.IsSignalingNaN(a) || FloatFormat.Single.IsSignalingNaN(b), ref flags);
    }

    public static int CompareDouble(ulong a, ulong b, bool signalOnNaN, ref uint flags)
    {
        double x = D(a), y = D(b);
        return x < y ? 1
            : x > y ? 2
            : x == y ? 0
            : Unordered(signalOnNaN || FloatFormat.Double.IsSignalingNaN(a) || FloatFormat.Double.IsSignalingNaN(b), ref flags);
    }

    private static int Unordered(bool invalid, ref uint flags)
    {
        flags |= invalid ? Nv : 0;
        return 3;
    }

    /// <summary>
    /// Rounds hi + lo to single, where hi is a double in the single window and lo is either the
    /// exact error of hi or any value of its sign smaller than hi's double ulp.
    /// </summary>
    private static uint RoundToSingle(double hi, double lo, int rd, ref uint flags)
    {
        ulong b = Bits(hi);
        bool negative = (long)b < 0;
        uint magnitude = (uint)((((b >> 52) & 0x7FF) - 1023 + 127) << 23) | (uint)((b >> 29) & 0x7F_FFFF);
        ulong dropped = b & 0x1FFF_FFFF;
        const ulong Half = 1UL << 28;
        int toward = lo == 0 ? 0 : ((lo > 0) != negative ? 1 : -1); // +1: exact value is larger in magnitude

        bool above, tie;
        if (dropped == 0 && toward < 0)
        {
            magnitude--; // just below a single: truncation gives the one beneath, just under a full ulp
            above = true;
            tie = false;
        }
        else
        {
            if (dropped == 0 && toward == 0)
            {
                return magnitude | (negative ? SingleSign : 0);
            }

            above = dropped > Half || (dropped == Half && toward > 0);
            tie = dropped == Half && toward == 0;
        }

        flags |= Nx;
        bool increment = rd switch
        {
            RoundNearest => above || (tie && (magnitude & 1) != 0),
            RoundUp => !negative,
            RoundDown => negative,
            _ => false,
        };
        return (magnitude + (increment ? 1u : 0)) | (negative ? SingleSign : 0);
    }

    /// <summary>
    /// Marks an inexact round-to-nearest result and moves it one ulp when the directed mode
    /// needs the neighbour on the exact value's side (<paramref name="exactAbove"/>: the exact
    /// value is greater than the rounded one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong bits, bool exactAbove, int rd, ref uint flags)
    {
        flags |= Nx;
        bool negative = (long)bits < 0;
        return rd switch
        {
            RoundTowardZero => exactAbove == negative ? bits - 1 : bits,
            RoundUp => exactAbove ? (negative ? bits - 1 : bits + 1) : bits,
            RoundDown => exactAbove ? bits : (negative ? bits + 1 : bits - 1),
            _ => bits,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSumError(double x, double y, double r)
    {
        double yv = r - x;
        return (x - (r - yv)) + (y - yv);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InDoubleWindow(ulong bits) => (uint)(Exponent(bits) - DoubleFastMin) <= DoubleFastMax - DoubleFastMin;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InSingleWindow(double value) =>
        (uint)(Exponent(Bits(value)) - SingleInDoubleMin) <= SingleInDoubleMax - SingleInDoubleMin;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Exponent(ulong doubleBits) => (int)(doubleBits >> 52) & 0x7FF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double F(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(double value) => BitConverter.DoubleToUInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FloatBits(float value) => BitConverter.SingleToUInt32Bits(value);
}
