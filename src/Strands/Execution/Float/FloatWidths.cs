using System.Runtime.CompilerServices;

namespace Niagara.Strands.Execution.Float;

/// <summary>
/// How an FP operand of one width is read from and written to the register file, so that a
/// handler is written once and instantiated per width (STYLE.md: no copy per width).
/// </summary>
public interface IFloatWidth
{
    /// <summary>The sign bit of a value of this width.</summary>
    static abstract ulong SignBit { get; }

    /// <summary>Reads the register named by a 5-bit instruction field.</summary>
    static abstract ulong Read(Strand s, int field);

    static abstract void Write(Strand s, int field, ulong bits);
}

/// <summary>%f0..%f31.</summary>
public struct SingleWidth : IFloatWidth
{
    public static ulong SignBit => 1UL << 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(Strand s, int field) => s.GetSingle(field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Strand s, int field, ulong bits) => s.SetSingle(field, (uint)bits);
}

/// <summary>%d0..%d62 in the V9 5-bit encoding (bit 0 of the field is bit 5 of the number).</summary>
public struct DoubleWidth : IFloatWidth
{
    public static ulong SignBit => 1UL << 63;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(Strand s, int field) => s.GetDouble(field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Strand s, int field, ulong bits) => s.SetDouble(field, bits);
}
