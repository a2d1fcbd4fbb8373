namespace Niagara.Strands.Execution.Float;

// The conversion operations run through FloatArithmeticHandlers.Unary<TSrc, TDst, TOp>.
// Integer operands live in FP registers: a 32-bit integer in a single register, a 64-bit
// integer in a double register. From-integer conversions and FdTOs round in FSR.rd; the
// to-integer conversions always truncate (V9 A.14) and saturate with nv when out of range.

/// <summary>FiTOs.</summary>
public struct IntToSingleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.IntegerToSingle((int)(uint)a, rd, ref flags);
}

/// <summary>FiTOd (always exact).</summary>
public struct IntToDoubleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.IntegerToDouble((int)(uint)a, rd, ref flags);
}

/// <summary>FxTOs.</summary>
public struct LongToSingleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.IntegerToSingle((long)a, rd, ref flags);
}

/// <summary>FxTOd.</summary>
public struct LongToDoubleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.IntegerToDouble((long)a, rd, ref flags);
}

/// <summary>FsTOi.</summary>
public struct SingleToIntOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => (uint)Ieee754.SingleToInteger((uint)a, 32, ref flags);
}

/// <summary>FdTOi.</summary>
public struct DoubleToIntOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => (uint)Ieee754.DoubleToInteger(a, 32, ref flags);
}

/// <summary>FsTOx.</summary>
public struct SingleToLongOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => (ulong)Ieee754.SingleToInteger((uint)a, 64, ref flags);
}

/// <summary>FdTOx.</summary>
public struct DoubleToLongOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => (ulong)Ieee754.DoubleToInteger(a, 64, ref flags);
}

/// <summary>FsTOd (exact; a signalling NaN is quieted with nv).</summary>
public struct SingleToDoubleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.SingleToDouble((uint)a, ref flags);
}

/// <summary>FdTOs.</summary>
public struct DoubleToSingleOp : IFloatUnaryOperation
{
    public static ulong Apply(ulong a, int rd, ref uint flags) => Ieee754.DoubleToSingle(a, rd, ref flags);
}
