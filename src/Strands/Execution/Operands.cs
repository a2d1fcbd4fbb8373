using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution;

/// <summary>
/// The second operand of a format-3 instruction: register rs2 or the immediate. Handlers are
/// generic over it, so the JIT emits a register and an immediate version of each handler and
/// neither tests the i bit at run time.
/// </summary>
public interface ISecondOperand
{
    static abstract ulong Read(Strand s, ref Instruction i);
}

public struct RegisterOperand : ISecondOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(Strand s, ref Instruction i) => s.Reg(i.Rs2);
}

public struct ImmediateOperand : ISecondOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(Strand s, ref Instruction i) => (ulong)i.Imm;
}
