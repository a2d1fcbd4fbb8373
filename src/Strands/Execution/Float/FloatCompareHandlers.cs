using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Float;

/// <summary>A width's ordered comparison: fcc 0 =, 1 &lt;, 2 &gt;, 3 unordered.</summary>
public interface IFloatComparison
{
    static abstract int Compare(ulong a, ulong b, bool signalOnNaN, ref uint flags);
}

public struct SingleComparison : IFloatComparison
{
    public static int Compare(ulong a, ulong b, bool signalOnNaN, ref uint flags) =>
        Ieee754.CompareSingle((uint)a, (uint)b, signalOnNaN, ref flags);
}

public struct DoubleComparison : IFloatComparison
{
    public static int Compare(ulong a, ulong b, bool signalOnNaN, ref uint flags) =>
        Ieee754.CompareDouble(a, b, signalOnNaN, ref flags);
}

/// <summary>FCMP{s,d} and FCMPE{s,d} into fcc0..fcc3 (selector in Aux).</summary>
public static class FloatCompareHandlers
{
    /// <summary>
    /// FCMP raises nv only for a signalling NaN, FCMPE (<typeparamref name="TSignal"/> = Yes) for
    /// any NaN (V9 A.13). When nv traps, fcc is left unchanged with the rest of the destination.
    /// </summary>
    public static void Compare<TWidth, TCompare, TSignal>(Strand s, ref Instruction i)
        where TWidth : struct, IFloatWidth
        where TCompare : struct, IFloatComparison
        where TSignal : struct, IFlag
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        uint flags = 0;
        int fcc = TCompare.Compare(TWidth.Read(s, i.Rs1), TWidth.Read(s, i.Rs2), TSignal.Value, ref flags);
        if (FsrFields.Complete(s, flags))
        {
            FsrFields.SetFcc(s, i.Aux, fcc);
        }
    }
}
