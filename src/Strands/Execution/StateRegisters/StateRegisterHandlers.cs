using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.StateRegisters;

/// <summary>
/// RDasr/WRasr for the ancillary state registers user code and glibc touch (UA2005 table 7-x:
/// %y, %ccr, %asi, %tick, %pc, %fprs, %gsr), and MEMBAR/STBAR.
/// </summary>
public static class StateRegisterHandlers
{
    public const int AsrY = 0;
    public const int AsrCcr = 2;
    public const int AsrAsi = 3;
    public const int AsrTick = 4;
    public const int AsrPc = 5;
    public const int AsrFprs = 6;
    public const int AsrGsr = 19;
    public const int AsrSetSoftint = 20;
    public const int AsrClearSoftint = 21;
    public const int AsrSoftint = 22;
    public const int AsrTickCompare = 23;
    public const int AsrStick = 24;
    public const int AsrStickCompare = 25;

    /// <summary>RD %asr (number in rs1), rd.</summary>
    public static void Read(Strand s, ref Instruction i)
    {
        switch (i.Rs1)
        {
            case AsrY: s.Reg(i.Rd) = s.Y; break;
            case AsrCcr: s.Reg(i.Rd) = s.Ccr; break;
            case AsrAsi: s.Reg(i.Rd) = s.Asi; break;
            case AsrTick:
            case AsrStick:
                if (s.TickNpt && !s.Privileged)
                {
                    s.RaiseTrap(TrapType.PrivilegedAction); // UA2005: TICK.NPT hides the counter from user code
                    return;
                }

                // Both count the strand's clock (functional timing: one cycle per instruction).
                s.Reg(i.Rd) = s.CurrentCycle;
                break;
            case AsrPc: s.Reg(i.Rd) = s.InsnPc; break;
            case AsrFprs: s.Reg(i.Rd) = s.Fprs; break;
            case AsrGsr:
                if (!s.FpEnabled)
                {
                    s.RaiseTrap(TrapType.FpDisabled);
                    return;
                }

                s.Reg(i.Rd) = s.Gsr;
                break;
            case AsrSoftint when s.Privileged: s.Reg(i.Rd) = s.Softint; break;
            case AsrTickCompare when s.Privileged: s.Reg(i.Rd) = s.TickCompare; break;
            case AsrStickCompare when s.Privileged: s.Reg(i.Rd) = s.StickCompare; break;
            case AsrSoftint or AsrTickCompare or AsrStickCompare:
                s.RaiseTrap(TrapType.PrivilegedOpcode);
                break;
            default:
                s.RaiseTrap(TrapType.IllegalInstruction);
                break;
        }
    }

    /// <summary>WR rs1 xor op2, %asr (number in rd).</summary>
    public static void Write<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong value = s.Reg(i.Rs1) ^ TSrc.Read(s, ref i);
        switch (i.Rd)
        {
            case AsrY: s.Y = value & 0xFFFF_FFFF; break;
            case AsrCcr: s.Ccr = (byte)value; break;
            case AsrAsi: s.Asi = (byte)value; break;
            case AsrFprs: s.Fprs = (byte)(value & 7); break;
            case AsrGsr:
                if (!s.FpEnabled)
                {
                    s.RaiseTrap(TrapType.FpDisabled);
                    return;
                }

                s.Gsr = value;
                break;
            // A SOFTINT write may raise an interrupt level above PIL: take it before the next instruction.
            case AsrSetSoftint when s.Privileged: s.Softint |= value & 0x1ffff; s.YieldIfInterruptPending(); break;
            case AsrClearSoftint when s.Privileged: s.Softint &= ~(value & 0x1ffff); break;
            case AsrSoftint when s.Privileged: s.Softint = value & 0x1ffff; s.YieldIfInterruptPending(); break;
            case AsrTickCompare when s.Privileged: s.SetTickCompare(value); break;
            case AsrStickCompare when s.Privileged: s.SetStickCompare(value); break;
            case AsrSetSoftint or AsrClearSoftint or AsrSoftint or AsrTickCompare or AsrStickCompare:
                s.RaiseTrap(TrapType.PrivilegedOpcode);
                break;
            default:
                s.RaiseTrap(TrapType.IllegalInstruction);
                break;
        }
    }

    /// <summary>MEMBAR/STBAR: strands see memory in TSO order already; a host fence keeps parallel runs honest.</summary>
    public static void Membar(Strand s, ref Instruction i) => Interlocked.MemoryBarrier();
}
