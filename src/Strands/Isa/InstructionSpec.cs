namespace Niagara.Strands.Isa;

/// <summary>How an instruction's operands are laid out: drives decoding and disassembly.</summary>
public enum OperandFormat
{
    /// <summary>No operands (done, retry, saved, flushw, stbar ...).</summary>
    None,

    /// <summary>op rs1, reg_or_simm13, rd (arithmetic, logical, save/restore, mul/div).</summary>
    Arithmetic,

    /// <summary>op rs1, reg_or_shcnt, rd; shcnt is 5 bits, or 6 with the x bit.</summary>
    Shift,

    /// <summary>sethi %hi(imm22 &lt;&lt; 10), rd.</summary>
    Sethi,

    /// <summary>Bicc: b{cond}{,a} disp22.</summary>
    BranchIcc,

    /// <summary>FBfcc: fb{cond}{,a} disp22.</summary>
    BranchFcc,

    /// <summary>BPcc: b{cond}{,a}{,pt|pn} %icc|%xcc, disp19.</summary>
    BranchPcc,

    /// <summary>FBPfcc: fb{cond}{,a}{,pt|pn} %fccN, disp19.</summary>
    BranchPfcc,

    /// <summary>BPr: br{rcond}{,a}{,pt|pn} rs1, disp16.</summary>
    BranchRegister,

    /// <summary>call disp30.</summary>
    Call,

    /// <summary>jmpl address, rd.</summary>
    JumpAndLink,

    /// <summary>return address.</summary>
    Return,

    /// <summary>Tcc: t{cond} %icc|%xcc, rs1 + reg_or_imm8.</summary>
    Trap,

    /// <summary>Integer load: ld [address], rd (imm_asi in Aux for the alternate forms).</summary>
    Load,

    /// <summary>Integer store: st rd, [address].</summary>
    Store,

    /// <summary>Floating-point load into an FP register (width from the spec).</summary>
    LoadFloat,

    /// <summary>Floating-point store from an FP register.</summary>
    StoreFloat,

    /// <summary>ld/st of %fsr.</summary>
    LoadStoreFsr,

    /// <summary>casa/casxa [rs1] asi, rs2, rd.</summary>
    CompareAndSwap,

    /// <summary>prefetch [address], fcn.</summary>
    Prefetch,

    /// <summary>flush address.</summary>
    Flush,

    /// <summary>membar mmask|cmask.</summary>
    Membar,

    /// <summary>MOVcc: mov{cond} %icc|%xcc|%fccN, reg_or_simm11, rd.</summary>
    MoveOnCondition,

    /// <summary>MOVr: movr{rcond} rs1, reg_or_simm10, rd.</summary>
    MoveOnRegister,

    /// <summary>popc reg_or_simm13, rd.</summary>
    Popc,

    /// <summary>rd %asr, rd (the state register number is rs1).</summary>
    ReadStateRegister,

    /// <summary>wr rs1, reg_or_simm13, %asr (the state register number is rd).</summary>
    WriteStateRegister,

    /// <summary>rdpr %priv, rd.</summary>
    ReadPrivilegedRegister,

    /// <summary>wrpr rs1, reg_or_simm13, %priv.</summary>
    WritePrivilegedRegister,

    /// <summary>FPop with one source: fop rs2, rd.</summary>
    FloatUnary,

    /// <summary>FPop with two sources: fop rs1, rs2, rd.</summary>
    FloatBinary,

    /// <summary>fcmp %fccN, rs1, rs2.</summary>
    FloatCompare,

    /// <summary>FMOVcc: fmov{cond} %icc|%xcc|%fccN, rs2, rd.</summary>
    FloatMoveOnCondition,

    /// <summary>FMOVr: fmovr{rcond} rs1, rs2, rd.</summary>
    FloatMoveOnRegister,

    /// <summary>VIS op whose operands are FP registers: op rs1, rs2, rd (unused ones omitted by the spec's flags).</summary>
    Vis,

    /// <summary>VIS op from integer registers to an integer register (edge, array, alignaddr).</summary>
    VisInteger,
}

/// <summary>Width of a floating-point operand, which fixes how its 5-bit register field is read.</summary>
public enum FloatWidth : byte
{
    None,
    Single,
    Double,
    Quad,
}

[Flags]
public enum InstructionFlags
{
    None = 0,

    /// <summary>rd names an integer register (so %g0 as destination is discarded).</summary>
    IntegerDestination = 1,

    /// <summary>Changes control flow (branch, call, jmpl, return, Tcc, done/retry).</summary>
    ControlTransfer = 2,

    /// <summary>Only executes with PSTATE.PRIV set; user mode takes privileged_opcode.</summary>
    Privileged = 4,

    /// <summary>The operation reads rs1 (for the disassembler and the random tester).</summary>
    ReadsRs1 = 8,

    /// <summary>The operation reads rs2 (or its immediate).</summary>
    ReadsRs2 = 16,
}

/// <summary>
/// One row of the ISA table (STYLE.md: ISA as data): encoding, mnemonic, operand format and the
/// handlers for the register and the immediate form. The decoder, the disassembler and the
/// random test generator are all derived from these rows.
/// </summary>
public sealed unsafe class InstructionSpec
{
    public InstructionSpec(
        string mnemonic,
        uint mask,
        uint match,
        OperandFormat format,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm,
        InstructionFlags flags = InstructionFlags.None)
    {
        Mnemonic = mnemonic;
        Mask = mask;
        Match = match;
        Format = format;
        RegisterForm = registerForm;
        ImmediateForm = immediateForm;
        Flags = flags;
    }

    public InstructionSpec(
        string mnemonic,
        Encoding encoding,
        OperandFormat format,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm,
        InstructionFlags flags = InstructionFlags.None)
        : this(mnemonic, encoding.Mask, encoding.Match, format, registerForm, immediateForm, flags)
    {
    }

    /// <summary>A row whose handler does not depend on the i bit.</summary>
    public InstructionSpec(
        string mnemonic,
        Encoding encoding,
        OperandFormat format,
        delegate*<Strand, ref Instruction, void> handler,
        InstructionFlags flags = InstructionFlags.None)
        : this(mnemonic, encoding.Mask, encoding.Match, format, handler, handler, flags)
    {
    }

    public string Mnemonic { get; }

    /// <summary>Bits of the word that identify the instruction.</summary>
    public uint Mask { get; }

    /// <summary>Value of those bits.</summary>
    public uint Match { get; }

    public OperandFormat Format { get; }

    public InstructionFlags Flags { get; }

    /// <summary>Widths of the FP operands (rs1, rs2, rd) for FP and VIS formats.</summary>
    public FloatWidth Rs1Width { get; init; }

    public FloatWidth Rs2Width { get; init; }

    public FloatWidth RdWidth { get; init; }

    /// <summary>Handler for i = 0 (and for formats without an i bit).</summary>
    public delegate*<Strand, ref Instruction, void> RegisterForm { get; }

    /// <summary>Handler for i = 1.</summary>
    public delegate*<Strand, ref Instruction, void> ImmediateForm { get; }

    /// <summary>Position in <see cref="InstructionTable.Specs"/>.</summary>
    public ushort Index { get; internal set; }

    public bool Matches(uint word) => (word & Mask) == Match;

    public override string ToString() => Mnemonic;
}
