using System.Runtime.CompilerServices;

namespace Niagara.Strands.Execution.Vis;

/// <summary>
/// Partitioned add and subtract (UA2005 7.x FPADD/FPSUB): independent 16- or 32-bit lanes that
/// wrap without saturation. They run through <see cref="VisLogicalHandlers"/>: no lane crosses
/// bit 32, so the single forms (FPADD16S: two 16-bit lanes, FPADD32S: one 32-bit lane) are the
/// same functions on 32 bits.
/// </summary>
public static class PartitionedArithmetic
{
    /// <summary>Top bit of each 16-bit lane.</summary>
    public const ulong Lane16Top = 0x8000_8000_8000_8000;

    /// <summary>Top bit of each 32-bit lane.</summary>
    public const ulong Lane32Top = 0x8000_0000_8000_0000;

    /// <summary>Lane-wise a + b: add without the lanes' top bits (no carry can leave a lane), then put the top bits back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b, ulong top) => ((a & ~top) + (b & ~top)) ^ ((a ^ b) & top);

    /// <summary>Lane-wise a - b: each lane borrows from its own top bit only, which the final xor corrects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Subtract(ulong a, ulong b, ulong top) => ((a | top) - (b & ~top)) ^ ((a ^ ~b) & top);
}

public struct PartitionedAdd16Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => PartitionedArithmetic.Add(rs1, rs2, PartitionedArithmetic.Lane16Top);
}

public struct PartitionedAdd32Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => PartitionedArithmetic.Add(rs1, rs2, PartitionedArithmetic.Lane32Top);
}

public struct PartitionedSubtract16Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => PartitionedArithmetic.Subtract(rs1, rs2, PartitionedArithmetic.Lane16Top);
}

public struct PartitionedSubtract32Op : IVisOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong rs1, ulong rs2) => PartitionedArithmetic.Subtract(rs1, rs2, PartitionedArithmetic.Lane32Top);
}
