using System.Numerics;
using Niagara.Strands.Isa;
using Niagara.Strands.State;

namespace Niagara.Strands.Execution.Integer;

/// <summary>Arithmetic, logical and shift handlers, generic over the operation and the second operand.</summary>
public static class AluHandlers
{
    public static void Alu<TOp, TSrc>(Strand s, ref Instruction i)
        where TOp : struct, IAluOperation
        where TSrc : struct, ISecondOperand =>
        s.Reg(i.Rd) = TOp.Apply(s.Reg(i.Rs1), TSrc.Read(s, ref i));

    /// <summary>ANDcc, ORcc, XORcc ...: N and Z from the result, V and C clear.</summary>
    public static void LogicalCc<TOp, TSrc>(Strand s, ref Instruction i)
        where TOp : struct, IAluOperation
        where TSrc : struct, ISecondOperand
    {
        ulong r = TOp.Apply(s.Reg(i.Rs1), TSrc.Read(s, ref i));
        s.Ccr = ConditionCodes.Logical(r);
        s.Reg(i.Rd) = r;
    }

    public static void AddCc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a + b;
        s.Ccr = ConditionCodes.Add(a, b, r);
        s.Reg(i.Rd) = r;
    }

    public static void SubCc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a - b;
        s.Ccr = ConditionCodes.Subtract(a, b, r);
        s.Reg(i.Rd) = r;
    }

    /// <summary>ADDC: adds icc.C.</summary>
    public static void AddC<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand =>
        s.Reg(i.Rd) = s.Reg(i.Rs1) + TSrc.Read(s, ref i) + (ulong)(s.Ccr & ConditionCodes.C);

    public static void AddCCc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a + b + (ulong)(s.Ccr & ConditionCodes.C);
        s.Ccr = ConditionCodes.Add(a, b, r);
        s.Reg(i.Rd) = r;
    }

    /// <summary>SUBC: subtracts icc.C.</summary>
    public static void SubC<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand =>
        s.Reg(i.Rd) = s.Reg(i.Rs1) - TSrc.Read(s, ref i) - (ulong)(s.Ccr & ConditionCodes.C);

    public static void SubCCc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a - b - (ulong)(s.Ccr & ConditionCodes.C);
        s.Ccr = ConditionCodes.Subtract(a, b, r);
        s.Reg(i.Rd) = r;
    }

    /// <summary>TADDcc/TADDccTV: add, with icc.V also set when either operand's tag (bits 1:0) is nonzero.</summary>
    public static void TaggedAdd<TSrc, TTrap>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
        where TTrap : struct, IFlag
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a + b;
        TaggedResult<TTrap>(s, ref i, a, b, r, ConditionCodes.Add(a, b, r));
    }

    public static void TaggedSubtract<TSrc, TTrap>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
        where TTrap : struct, IFlag
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i), r = a - b;
        TaggedResult<TTrap>(s, ref i, a, b, r, ConditionCodes.Subtract(a, b, r));
    }

    /// <summary>POPC: population count of the second operand (rs1 must be 0).</summary>
    public static void Popc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand =>
        s.Reg(i.Rd) = (ulong)BitOperations.PopCount(TSrc.Read(s, ref i));

    public static void Sethi(Strand s, ref Instruction i) => s.Reg(i.Rd) = (ulong)i.Imm;

    private static void TaggedResult<TTrap>(Strand s, ref Instruction i, ulong a, ulong b, ulong r, byte ccr)
        where TTrap : struct, IFlag
    {
        if (((a | b) & 3) != 0)
        {
            ccr |= ConditionCodes.V;
        }

        if (TTrap.Value && (ccr & ConditionCodes.V) != 0)
        {
            s.RaiseTrap(Traps.TrapType.TagOverflow); // UA2005 7: TADDccTV traps before writing rd or CCR
            return;
        }

        s.Ccr = ccr;
        s.Reg(i.Rd) = r;
    }
}

/// <summary>A compile-time boolean for handler variants (trap or not, signed or not ...).</summary>
public interface IFlag
{
    static abstract bool Value { get; }
}

public struct Yes : IFlag
{
    public static bool Value => true;
}

public struct No : IFlag
{
    public static bool Value => false;
}
