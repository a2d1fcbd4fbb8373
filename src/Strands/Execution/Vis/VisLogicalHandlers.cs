using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Vis;

/// <summary>
/// A VIS operation on 64 bits that has no carries across 32-bit boundaries, so its single
/// (32-bit) form is the same function applied to zero-extended operands and truncated.
/// Used as a type argument so each row's handler is specialized (STYLE.md: no per-op copies).
/// </summary>
public interface IVisOperation
{
    static abstract ulong Apply(ulong rs1, ulong rs2);
}

/// <summary>
/// Handlers for the VIS ops whose operands and result are FP registers of one width: the 32
/// logical ops (UA2005 7.x "F Register Logical Operate") and the partitioned add/subtract.
/// </summary>
public static class VisLogicalHandlers
{
    /// <summary>Double form: %d[rd] = op(%d[rs1], %d[rs2]). Unused operands are read but ignored.</summary>
    public static void Double<TOp>(Strand s, ref Instruction i)
        where TOp : struct, IVisOperation
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        s.SetDouble(i.Rd, TOp.Apply(s.GetDouble(i.Rs1), s.GetDouble(i.Rs2)));
    }

    /// <summary>Single form: %f[rd] = op(%f[rs1], %f[rs2]); the other half of the double is kept.</summary>
    public static void Single<TOp>(Strand s, ref Instruction i)
        where TOp : struct, IVisOperation
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        s.SetSingle(i.Rd, (uint)TOp.Apply(s.GetSingle(i.Rs1), s.GetSingle(i.Rs2)));
    }
}

public struct ZeroOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => 0;
}

public struct NorOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~(rs1 | rs2);
}

/// <summary>FANDNOT2: rs1 AND NOT rs2.</summary>
public struct AndNot2Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1 & ~rs2;
}

public struct Not2Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~rs2;
}

/// <summary>FANDNOT1: NOT rs1 AND rs2.</summary>
public struct AndNot1Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~rs1 & rs2;
}

public struct Not1Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~rs1;
}

public struct XorOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1 ^ rs2;
}

public struct NandOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~(rs1 & rs2);
}

public struct AndOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1 & rs2;
}

public struct XnorOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~(rs1 ^ rs2);
}

public struct Src1Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1;
}

/// <summary>FORNOT2: rs1 OR NOT rs2.</summary>
public struct OrNot2Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1 | ~rs2;
}

public struct Src2Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs2;
}

/// <summary>FORNOT1: NOT rs1 OR rs2.</summary>
public struct OrNot1Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~rs1 | rs2;
}

public struct OrOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => rs1 | rs2;
}

public struct OneOp : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => ~0UL;
}
