using Niagara.Strands.Isa;
using Niagara.Strands.State;

namespace Niagara.Strands.Execution.Integer;

/// <summary>MOVcc and MOVr.</summary>
public static class ConditionalMoveHandlers
{
    /// <summary>MOVcc: rd = op2 when cond holds on icc, xcc or fccN (selector in Aux).</summary>
    public static void MoveOnCondition<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (s.ConditionHolds(i.Aux, i.Cond))
        {
            s.Reg(i.Rd) = TSrc.Read(s, ref i);
        }
    }

    /// <summary>MOVr: rd = op2 when the register condition holds on rs1.</summary>
    public static void MoveOnRegister<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (RegisterConditions.Holds(i.Cond, s.Reg(i.Rs1)))
        {
            s.Reg(i.Rd) = TSrc.Read(s, ref i);
        }
    }
}
