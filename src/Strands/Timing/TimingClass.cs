namespace Niagara.Strands.Timing;

/// <summary>
/// What an instruction costs in the T1 core pipeline, decided once per ISA row
/// (<see cref="InstructionTimingTable"/>). The timed loop switches on it.
/// </summary>
public enum TimingClass : byte
{
    /// <summary>ALU, shift, move, SETHI, state-register access, MEMBAR, PREFETCH: issue and go (1 cycle).</summary>
    Simple,

    /// <summary>Integer load with the implicit ASI: rs1 + rs2/simm13 through the L1D.</summary>
    Load,

    /// <summary>Integer or twin load with an explicit ASI: memory unless the ASI names registers (scratchpad, queue).</summary>
    LoadAlternate,

    /// <summary>Integer store with the implicit ASI: into the strand's store buffer.</summary>
    Store,

    /// <summary>Integer store with an explicit ASI (memory unless the ASI names registers).</summary>
    StoreAlternate,

    /// <summary>LDSTUB, SWAP (and their ASI forms): performed at the L2, address rs1 + rs2/simm13.</summary>
    Atomic,

    /// <summary>CASA/CASXA: performed at the L2, address rs1 alone (rs2 is the compare value).</summary>
    CompareAndSwap,

    /// <summary>FP load (LDF/LDDF/LDFSR and ASI forms): the L1D, then the FP front end.</summary>
    FloatLoad,

    /// <summary>FP store (STF/STDF/STFSR and ASI forms): the FP front end, then the store buffer.</summary>
    FloatStore,

    /// <summary>Branch, CALL, JMPL, RETURN, Tcc, DONE/RETRY: no predictor, the strand is deselected.</summary>
    ControlTransfer,

    /// <summary>MULX/UMUL/SMUL(cc): the core's one multiplier.</summary>
    Multiply,

    /// <summary>UDIVX/SDIVX/UDIV/SDIV(cc): the core's one divider.</summary>
    Divide,

    /// <summary>FPop and VIS op on FP registers: a round trip to the chip's shared FPU.</summary>
    FloatOperation,

    /// <summary>SAVE/RESTORE: the window copy deselects the strand briefly.</summary>
    WindowChange,
}
