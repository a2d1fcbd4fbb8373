using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Integer;

/// <summary>
/// Multiply and divide: the 64-bit V9 forms and the V8 32-bit forms kept in V9, which use %y
/// for the high half (UA2005 7.x "UMUL/SMUL", "UDIV/SDIV", "MULScc").
/// </summary>
public static class MultiplyDivideHandlers
{
    public static void Sdivx<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        long divisor = (long)TSrc.Read(s, ref i);
        if (divisor == 0)
        {
            s.RaiseTrap(TrapType.DivisionByZero);
            return;
        }

        long dividend = (long)s.Reg(i.Rs1);
        // The one overflowing case wraps, as the hardware does.
        s.Reg(i.Rd) = divisor == -1 ? (ulong)(-dividend) : (ulong)(dividend / divisor);
    }

    public static void Udivx<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong divisor = TSrc.Read(s, ref i);
        if (divisor == 0)
        {
            s.RaiseTrap(TrapType.DivisionByZero);
            return;
        }

        s.Reg(i.Rd) = s.Reg(i.Rs1) / divisor;
    }

    /// <summary>UMUL/SMUL(cc): 32x32 -> 64 product into rd, its high word into %y.</summary>
    public static void Multiply32<TSigned, TSetCc, TSrc>(Strand s, ref Instruction i)
        where TSigned : struct, IFlag
        where TSetCc : struct, IFlag
        where TSrc : struct, ISecondOperand
    {
        ulong a = s.Reg(i.Rs1), b = TSrc.Read(s, ref i);
        ulong r = TSigned.Value
            ? (ulong)((long)(int)a * (int)b)
            : (ulong)(uint)a * (uint)b;
        s.Y = r >> 32;
        if (TSetCc.Value)
        {
            s.Ccr = ConditionCodes.Logical(r);
        }

        s.Reg(i.Rd) = r;
    }

    /// <summary>
    /// UDIV/SDIV(cc): (%y:rs1[31:0]) / op2[31:0]; on overflow the quotient saturates and
    /// icc.V is set (xcc.V, C always clear).
    /// </summary>
    public static void Divide32<TSigned, TSetCc, TSrc>(Strand s, ref Instruction i)
        where TSigned : struct, IFlag
        where TSetCc : struct, IFlag
        where TSrc : struct, ISecondOperand
    {
        ulong divisor = TSrc.Read(s, ref i) & 0xFFFF_FFFF;
        if (divisor == 0)
        {
            s.RaiseTrap(TrapType.DivisionByZero);
            return;
        }

        ulong dividend = (s.Y << 32) | (s.Reg(i.Rs1) & 0xFFFF_FFFF);
        bool overflow;
        ulong q;
        if (TSigned.Value)
        {
            long n = (long)dividend, d = (int)(uint)divisor;
            if (d == -1 && n == long.MinValue)
            {
                q = int.MaxValue;
                overflow = true;
            }
            else
            {
                long quotient = n / d;
                overflow = quotient != (int)quotient;
                q = (ulong)(overflow ? (quotient < 0 ? int.MinValue : int.MaxValue) : quotient);
            }
        }
        else
        {
            ulong quotient = dividend / divisor;
            overflow = quotient > uint.MaxValue;
            q = overflow ? uint.MaxValue : quotient;
        }

        if (TSetCc.Value)
        {
            s.Ccr = (byte)(ConditionCodes.Logical(q) | (overflow ? ConditionCodes.V : 0));
        }

        s.Reg(i.Rd) = q;
    }

    /// <summary>MULScc: one step of the V8 shift-and-add multiply through %y and icc.</summary>
    public static void MulScc<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong rs1 = s.Reg(i.Rs1);
        int icc = s.Ccr & 0xf;
        ulong nXorV = (ulong)(((icc >> 3) ^ (icc >> 1)) & 1);
        ulong a = (nXorV << 31) | ((rs1 & 0xFFFF_FFFF) >> 1);
        ulong b = (s.Y & 1) != 0 ? TSrc.Read(s, ref i) & 0xFFFF_FFFF : 0;
        ulong r = a + b;
        s.Y = ((s.Y >> 1) | ((rs1 & 1) << 31)) & 0xFFFF_FFFF;
        s.Ccr = ConditionCodes.Add(a, b, r);
        s.Reg(i.Rd) = r;
    }
}
