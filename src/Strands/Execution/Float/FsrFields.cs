using System.Numerics;
using System.Runtime.CompilerServices;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Float;

/// <summary>Bit layout of the floating-point state register (UA2005 5.4.7, V9 5.1.7).</summary>
public static class FsrFields
{
    // IEEE exception bits as they appear in cexc (4:0); aexc (9:5) and TEM (27:23) use the same order.
    public const uint Nx = 0x01;
    public const uint Dz = 0x02;
    public const uint Uf = 0x04;
    public const uint Of = 0x08;
    public const uint Nv = 0x10;

    /// <summary>
    /// Internal flag (never stored): the result was tiny but exact. It signals underflow only when
    /// FSR.TEM.UFM is set (V9 B.3: trapped underflow is raised on tininess alone).
    /// </summary>
    public const uint TinyExact = 0x20;

    public const ulong CexcMask = 0x1F;
    public const int AexcShift = 5;
    public const ulong AexcMask = 0x1FUL << AexcShift;
    public const int Fcc0Shift = 10;
    public const int FttShift = 14;
    public const ulong FttMask = 7UL << FttShift;
    public const int TemShift = 23;
    public const ulong TemMask = 0x1FUL << TemShift;
    public const int RdShift = 30;

    /// <summary>FSR.ftt values (UA2005 table 5-11).</summary>
    public const ulong FttNone = 0;
    public const ulong FttIeee754Exception = 1;
    public const ulong FttUnimplementedFpop = 3;

    /// <summary>FSR.rd: 0 nearest, 1 toward zero, 2 toward +inf, 3 toward -inf.</summary>
    public const int RoundNearest = 0;
    public const int RoundTowardZero = 1;
    public const int RoundUp = 2;
    public const int RoundDown = 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RoundingMode(ulong fsr) => (int)(fsr >> RdShift) & 3;

    /// <summary>Bit position of fccN (fcc0 at 11:10, fcc1..3 at 33:32, 35:34, 37:36).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FccShift(int n) => n == 0 ? Fcc0Shift : 30 + (2 * n);

    /// <summary>
    /// Ends an FPop that produced IEEE exception <paramref name="flags"/>. Returns true when the
    /// destination may be written; false when an enabled exception raised
    /// fp_exception_ieee_754 (then FSR.ftt = 1, cexc holds the trapping exception, aexc and the
    /// destination are unchanged).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Complete(Strand s, uint flags)
    {
        // Every FPop that completes clears ftt and sets cexc to its own exceptions (V9 5.1.7).
        if (flags == 0)
        {
            s.Fsr &= ~(CexcMask | FttMask);
            return true;
        }

        return CompleteWithExceptions(s, flags);
    }

    /// <summary>Ends an FPop that cannot raise IEEE exceptions (moves): clears cexc and ftt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CompleteWithoutExceptions(Strand s) => s.Fsr &= ~(CexcMask | FttMask);

    /// <summary>Raises fp_exception_other with FSR.ftt = unimplemented_FPop; cexc is unchanged.</summary>
    public static void RaiseUnimplemented(Strand s)
    {
        s.Fsr = (s.Fsr & ~FttMask) | (FttUnimplementedFpop << FttShift);
        s.RaiseTrap(TrapType.FpExceptionOther);
    }

    /// <summary>Sets fccN to <paramref name="fcc"/> (0 =, 1 &lt;, 2 &gt;, 3 unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetFcc(Strand s, int n, int fcc)
    {
        int shift = FccShift(n);
        s.Fsr = (s.Fsr & ~(3UL << shift)) | ((ulong)fcc << shift);
    }

    /// <summary>
    /// Records an FPop's IEEE exceptions in <paramref name="fsr"/> without trapping. Returns
    /// false when an enabled exception must trap: then ftt = IEEE_754_exception and cexc holds
    /// the one trapping exception (V9 5.1.7.10: nv &gt; of &gt; uf &gt; dz &gt; nx, the bit order),
    /// and aexc is unchanged. Otherwise cexc = the exceptions, aexc accumulates them, ftt = 0.
    /// </summary>
    public static bool Record(ref ulong fsr, uint flags)
    {
        uint tem = (uint)(fsr >> TemShift) & 0x1F;
        if ((flags & TinyExact) != 0)
        {
            flags = (flags & ~TinyExact) | ((tem & Uf) != 0 ? Uf : 0);
        }

        uint trapping = flags & tem;
        if (trapping != 0)
        {
            uint cexc = 1u << (31 - BitOperations.LeadingZeroCount(trapping));
            fsr = (fsr & ~(CexcMask | FttMask)) | cexc | (FttIeee754Exception << FttShift);
            return false;
        }

        fsr = (fsr & ~(CexcMask | FttMask)) | flags | ((ulong)flags << AexcShift);
        return true;
    }

    private static bool CompleteWithExceptions(Strand s, uint flags)
    {
        if (Record(ref s.Fsr, flags))
        {
            return true;
        }

        s.RaiseTrap(TrapType.FpExceptionIeee754);
        return false;
    }
}
