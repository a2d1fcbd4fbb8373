using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;

namespace Niagara.Strands.Execution.StateRegisters;

/// <summary>The RDasr/WRasr, MEMBAR/STBAR and privileged-register rows of the ISA table.</summary>
public static unsafe class StateRegisterInstructions
{
    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        // rs1 = 15, rd = 0: MEMBAR (i = 1) and STBAR (i = 0).
        specs.Add(new InstructionSpec("membar", Encoding.Arith(0x28).Rs1(15).Rd(0).I(true), OperandFormat.Membar, &StateRegisterHandlers.Membar));
        specs.Add(new InstructionSpec("stbar", Encoding.Arith(0x28).Rs1(15).Rd(0).I(false), OperandFormat.None, &StateRegisterHandlers.Membar));
        specs.Add(new InstructionSpec("rd", Encoding.Arith(0x28).I(false), OperandFormat.ReadStateRegister, &StateRegisterHandlers.Read, IntegerDestination));
        specs.Add(new InstructionSpec(
            "wr", Encoding.Arith(0x30), OperandFormat.WriteStateRegister,
            &StateRegisterHandlers.Write<RegisterOperand>, &StateRegisterHandlers.Write<ImmediateOperand>, ReadsRs1 | ReadsRs2));

        // Privileged-register access, trap return and window bookkeeping (UA2005 7.x).
        specs.Add(new InstructionSpec("rdpr", Encoding.Arith(0x2a), OperandFormat.ReadPrivilegedRegister, &PrivilegedRegisterHandlers.Rdpr, Privileged | IntegerDestination));
        specs.Add(new InstructionSpec(
            "wrpr", Encoding.Arith(0x32), OperandFormat.WritePrivilegedRegister,
            &PrivilegedRegisterHandlers.Wrpr<RegisterOperand>, &PrivilegedRegisterHandlers.Wrpr<ImmediateOperand>, Privileged | ReadsRs1 | ReadsRs2));
        specs.Add(new InstructionSpec("saved", Encoding.Arith(0x31).Rd(0), OperandFormat.None, &PrivilegedRegisterHandlers.Saved, Privileged));
        specs.Add(new InstructionSpec("restored", Encoding.Arith(0x31).Rd(1), OperandFormat.None, &PrivilegedRegisterHandlers.Restored, Privileged));
        specs.Add(new InstructionSpec("done", Encoding.Arith(0x3e).Rd(0), OperandFormat.None, &PrivilegedRegisterHandlers.DoneOrRetry<No>, Privileged | ControlTransfer));
        specs.Add(new InstructionSpec("retry", Encoding.Arith(0x3e).Rd(1), OperandFormat.None, &PrivilegedRegisterHandlers.DoneOrRetry<Yes>, Privileged | ControlTransfer));

        return specs;
    }
}
