using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Control;

/// <summary>Tcc: a software trap when the condition holds on icc or xcc.</summary>
public static class TrapHandlers
{
    public static void Tcc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        int nzvc = (i.Aux & 2) != 0 ? s.Ccr >> 4 : s.Ccr & 0xf;
        if (!ConditionCodes.Holds(i.Cond, nzvc))
        {
            return;
        }

        // UA2005 Tcc: 8-bit trap numbers in privileged mode, 7-bit (V9) otherwise.
        ulong mask = (s.Pstate & Pstate.Priv) != 0 ? 0xffUL : 0x7fUL;
        int number = (int)((s.Reg(i.Rs1) + TSrc.Read(s, ref i)) & mask);
        s.RaiseTrap(TrapTypes.SoftwareTrap(number));
    }
}
