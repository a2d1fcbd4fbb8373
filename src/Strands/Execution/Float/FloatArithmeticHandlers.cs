using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Float;

/// <summary>A two-source FPop of one width: rd = rs1 op rs2, rounded in FSR.rd.</summary>
public interface IFloatBinaryOperation
{
    static abstract ulong Apply(ulong a, ulong b, int rd, ref uint flags);
}

/// <summary>A one-source FPop (conversions, square root): rd = op(rs2).</summary>
public interface IFloatUnaryOperation
{
    static abstract ulong Apply(ulong a, int rd, ref uint flags);
}

/// <summary>FADD, FSUB, FMUL, FDIV, FsMULd, and the traps of the FPops the T1 does not implement.</summary>
public static class FloatArithmeticHandlers
{
    /// <summary>F{ADD,SUB,MUL,DIV}{s,d} and FsMULd: operands of width <typeparamref name="TSrc"/>, result of <typeparamref name="TDst"/>.</summary>
    public static void Binary<TSrc, TDst, TOp>(Strand s, ref Instruction i)
        where TSrc : struct, IFloatWidth
        where TDst : struct, IFloatWidth
        where TOp : struct, IFloatBinaryOperation
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        uint flags = 0;
        ulong result = TOp.Apply(TSrc.Read(s, i.Rs1), TSrc.Read(s, i.Rs2), FsrFields.RoundingMode(s.Fsr), ref flags);
        if (FsrFields.Complete(s, flags))
        {
            TDst.Write(s, i.Rd, result);
        }
    }

    /// <summary>Conversions and square root: source of width <typeparamref name="TSrc"/>, result of <typeparamref name="TDst"/>.</summary>
    public static void Unary<TSrc, TDst, TOp>(Strand s, ref Instruction i)
        where TSrc : struct, IFloatWidth
        where TDst : struct, IFloatWidth
        where TOp : struct, IFloatUnaryOperation
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        uint flags = 0;
        ulong result = TOp.Apply(TSrc.Read(s, i.Rs2), FsrFields.RoundingMode(s.Fsr), ref flags);
        if (FsrFields.Complete(s, flags))
        {
            TDst.Write(s, i.Rd, result);
        }
    }

    /// <summary>
    /// FPops the T1 FPU does not implement: every quad-precision FPop and FSQRTs/d (Linux
    /// math_64.c: "Niagara always gives unimplemented fpop for fsqrt{s,d}"; the T1 FPU's
    /// operation list has no square root). They raise fp_exception_other with
    /// ftt = unimplemented_FPop after the fp_disabled check; system software emulates them
    /// (see <see cref="FpopEmulator"/>). Unassigned FPop opf values trap the same way on the T1 (Linux math_64.c: from the T2 on they
    /// raise illegal_instruction instead).
    /// </summary>
    public static void Unimplemented(Strand s, ref Instruction i)
    {
        if (!s.FpEnabled)
        {
            s.RaiseTrap(TrapType.FpDisabled);
            return;
        }

        FsrFields.RaiseUnimplemented(s);
    }
}

public struct AddSingleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.AddSingle((uint)a, (uint)b, false, rd, ref flags);
}

public struct SubtractSingleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.AddSingle((uint)a, (uint)b, true, rd, ref flags);
}

public struct MultiplySingleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.MultiplySingle((uint)a, (uint)b, rd, ref flags);
}

public struct DivideSingleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.DivideSingle((uint)a, (uint)b, rd, ref flags);
}

public struct AddDoubleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.AddDouble(a, b, false, rd, ref flags);
}

public struct SubtractDoubleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.AddDouble(a, b, true, rd, ref flags);
}

public struct MultiplyDoubleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.MultiplyDouble(a, b, rd, ref flags);
}

public struct DivideDoubleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.DivideDouble(a, b, rd, ref flags);
}

/// <summary>FsMULd: single operands, exact double product (no rounding, so FSR.rd is unused).</summary>
public struct MultiplySingleToDoubleOp : IFloatBinaryOperation
{
    public static ulong Apply(ulong a, ulong b, int rd, ref uint flags) => Ieee754.MultiplySingleToDouble((uint)a, (uint)b, ref flags);
}

public struct SquareRootSingleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.SquareRootSingle((uint)a, rd, ref flags);
}

public struct SquareRootDoubleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.SquareRootDouble(a, rd, ref flags);
}
