using Niagara.Strands.Execution.Float;

namespace Niagara.Strands.Tests;

/// <summary>
/// The hardware-assisted paths of <see cref="Ieee754"/> against the all-integer
/// <see cref="SoftFloat"/> on random operands chosen to land in the fast window (results near
/// ties, exact results, directed modes): both must give the same bits and the same flags.
/// </summary>
public class FloatFastPathTests
{
    private const int Cases = 25_000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DoubleArithmetic_FastPathEqualsSoftFloat(int rd)
    {
        var random = new Random(1000 + rd);
        FloatFormat f = FloatFormat.Double;
        for (int n = 0; n < Cases; n++)
        {
            ulong a = RandomDouble(random, 700, 1350), b = RandomDouble(random, 700, 1350);
            if ((n & 3) == 0)
            {
                b = (b & 0x800F_FFFF_FFFF_FFFF) | (a & 0x7FF0_0000_0000_0000); // same binade: cancellation
            }

            Same(n, "faddd", a, b, rd, (ref uint fl) => Ieee754.AddDouble(a, b, false, rd, ref fl), (ref uint fl) => SoftFloat.Add(a, b, false, f, rd, ref fl));
            Same(n, "fsubd", a, b, rd, (ref uint fl) => Ieee754.AddDouble(a, b, true, rd, ref fl), (ref uint fl) => SoftFloat.Add(a, b, true, f, rd, ref fl));
            Same(n, "fmuld", a, b, rd, (ref uint fl) => Ieee754.MultiplyDouble(a, b, rd, ref fl), (ref uint fl) => SoftFloat.Multiply(a, b, f, rd, ref fl));
            Same(n, "fdivd", a, b, rd, (ref uint fl) => Ieee754.DivideDouble(a, b, rd, ref fl), (ref uint fl) => SoftFloat.Divide(a, b, f, rd, ref fl));
            ulong p = a & ~(1UL << 63);
            Same(n, "fsqrtd", p, 0, rd, (ref uint fl) => Ieee754.SquareRootDouble(p, rd, ref fl), (ref uint fl) => SoftFloat.SquareRoot(p, f, rd, ref fl));
            ulong square = SquareOf(random, rd);
            Same(n, "fsqrtd", square, 0, rd, (ref uint fl) => Ieee754.SquareRootDouble(square, rd, ref fl), (ref uint fl) => SoftFloat.SquareRoot(square, f, rd, ref fl));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SingleArithmetic_FastPathEqualsSoftFloat(int rd)
    {
        var random = new Random(2000 + rd);
        FloatFormat f = FloatFormat.Single;
        for (int n = 0; n < Cases; n++)
        {
            uint a = RandomSingle(random), b = RandomSingle(random);
            if ((n & 3) == 0)
            {
                b = (b & 0x807F_FFFF) | (a & 0x7F80_0000);
            }

            Same(n, "fadds", a, b, rd, (ref uint fl) => Ieee754.AddSingle(a, b, false, rd, ref fl), (ref uint fl) => SoftFloat.Add(a, b, false, f, rd, ref fl));
            Same(n, "fsubs", a, b, rd, (ref uint fl) => Ieee754.AddSingle(a, b, true, rd, ref fl), (ref uint fl) => SoftFloat.Add(a, b, true, f, rd, ref fl));
            Same(n, "fmuls", a, b, rd, (ref uint fl) => Ieee754.MultiplySingle(a, b, rd, ref fl), (ref uint fl) => SoftFloat.Multiply(a, b, f, rd, ref fl));
            Same(n, "fdivs", a, b, rd, (ref uint fl) => Ieee754.DivideSingle(a, b, rd, ref fl), (ref uint fl) => SoftFloat.Divide(a, b, f, rd, ref fl));
            uint p = a & 0x7FFF_FFFF;
            Same(n, "fsqrts", p, 0, rd, (ref uint fl) => Ieee754.SquareRootSingle(p, rd, ref fl), (ref uint fl) => SoftFloat.SquareRoot(p, f, rd, ref fl));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Conversions_FastPathEqualsSoftFloat(int rd)
    {
        var random = new Random(3000 + rd);
        for (int n = 0; n < Cases; n++)
        {
            ulong d = RandomDouble(random, 880, 1170);
            Same(n, "fdtos", d, 0, rd, (ref uint fl) => Ieee754.DoubleToSingle(d, rd, ref fl), (ref uint fl) => SoftFloat.Convert(d, FloatFormat.Double, FloatFormat.Single, rd, ref fl));
            long x = (long)random.NextInt64() >> random.Next(64);
            Same(n, "fxtod", (ulong)x, 0, rd, (ref uint fl) => Ieee754.IntegerToDouble(x, rd, ref fl), (ref uint fl) => SoftFloat.FromInteger(x, FloatFormat.Double, rd, ref fl));
            Same(n, "fxtos", (ulong)x, 0, rd, (ref uint fl) => Ieee754.IntegerToSingle(x, rd, ref fl), (ref uint fl) => SoftFloat.FromInteger(x, FloatFormat.Single, rd, ref fl));
            ulong t = RandomDouble(random, 1000, 1090);
            Same(n, "fdtox", t, 0, rd, (ref uint fl) => (ulong)Ieee754.DoubleToInteger(t, 64, ref fl), (ref uint fl) => (ulong)SoftFloat.ToInteger(t, FloatFormat.Double, 64, ref fl));
            Same(n, "fdtoi", t, 0, rd, (ref uint fl) => (ulong)Ieee754.DoubleToInteger(t, 32, ref fl), (ref uint fl) => (ulong)SoftFloat.ToInteger(t, FloatFormat.Double, 32, ref fl));
            uint s = (uint)(t >> 32);
            Same(n, "fstox", s, 0, rd, (ref uint fl) => (ulong)Ieee754.SingleToInteger(s, 64, ref fl), (ref uint fl) => (ulong)SoftFloat.ToInteger(s, FloatFormat.Single, 64, ref fl));
            Same(n, "fstoi", s, 0, rd, (ref uint fl) => (ulong)Ieee754.SingleToInteger(s, 32, ref fl), (ref uint fl) => (ulong)SoftFloat.ToInteger(s, FloatFormat.Single, 32, ref fl));
        }
    }

    private delegate ulong Operation(ref uint flags);

    private static void Same(int n, string op, ulong a, ulong b, int rd, Operation fast, Operation exact)
    {
        uint fastFlags = 0, exactFlags = 0;
        ulong fastResult = fast(ref fastFlags), exactResult = exact(ref exactFlags);
        if (fastResult != exactResult || fastFlags != exactFlags)
        {
            Assert.Fail($"case {n}: {op} rd={rd} a={a:x} b={b:x}: fast {fastResult:x}/{fastFlags:x}, exact {exactResult:x}/{exactFlags:x}");
        }
    }

    /// <summary>A double with a biased exponent in [lo, hi] and a significand that often ends in zeros (exact results, ties).</summary>
    private static ulong RandomDouble(Random random, int lo, int hi)
    {
        ulong fraction = (ulong)random.NextInt64() & 0x000F_FFFF_FFFF_FFFF;
        fraction &= ulong.MaxValue << random.Next(53);
        ulong sign = (ulong)random.Next(2) << 63;
        return sign | ((ulong)random.Next(lo, hi + 1) << 52) | fraction;
    }

    private static uint RandomSingle(Random random)
    {
        uint fraction = (uint)random.Next() & 0x007F_FFFF;
        fraction &= uint.MaxValue << random.Next(24);
        uint sign = (uint)random.Next(2) << 31;
        return sign | ((uint)random.Next(0, 255) << 23) | fraction;
    }

    /// <summary>The exact square of a 26-bit integer, scaled: fsqrtd's exact case.</summary>
    private static ulong SquareOf(Random random, int rd)
    {
        double root = random.Next(1, 1 << 26) * Math.Pow(2, random.Next(-200, 200));
        return BitConverter.DoubleToUInt64Bits(root * root) + (ulong)(rd & 1);
    }
}
