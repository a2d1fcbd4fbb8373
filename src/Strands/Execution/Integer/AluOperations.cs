using System.Runtime.CompilerServices;

namespace Niagara.Strands.Execution.Integer;

/// <summary>A two-operand integer operation, used as a type argument so handlers specialize.</summary>
public interface IAluOperation
{
    static abstract ulong Apply(ulong a, ulong b);
}

public struct AddOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a + b;
}

public struct SubOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a - b;
}

public struct AndOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a & b;
}

public struct AndnOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a & ~b;
}

public struct OrOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a | b;
}

public struct OrnOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a | ~b;
}

public struct XorOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a ^ b;
}

public struct XnorOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => ~(a ^ b);
}

public struct MulxOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a * b;
}

/// <summary>SLL: the 64-bit value shifted by the low 5 bits of the count.</summary>
public struct SllOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a << (int)(b & 31);
}

/// <summary>SRL: the low 32 bits, zero-extended, shifted right.</summary>
public struct SrlOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => (a & 0xFFFF_FFFF) >> (int)(b & 31);
}

/// <summary>SRA: the low 32 bits, sign-extended, shifted right arithmetically.</summary>
public struct SraOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => (ulong)((long)(int)a >> (int)(b & 31));
}

public struct SllxOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a << (int)(b & 63);
}

public struct SrlxOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => a >> (int)(b & 63);
}

public struct SraxOp : IAluOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong a, ulong b) => (ulong)((long)a >> (int)(b & 63));
}
