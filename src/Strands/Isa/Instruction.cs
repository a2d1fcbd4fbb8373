namespace Niagara.Strands.Isa;

/// <summary>
/// One predecoded instruction: register indices resolved, immediates sign-extended and the
/// handler chosen, so that execution never re-extracts bit fields (STYLE.md: decode once).
/// </summary>
public unsafe struct Instruction
{
    /// <summary>The handler; the strand's loop calls it through this pointer.</summary>
    public delegate*<Strand, ref Instruction, void> Execute;

    /// <summary>simm13/simm11/simm10, shift count, SETHI value or branch displacement in bytes.</summary>
    public long Imm;

    /// <summary>The raw instruction word, for the disassembler and error reports.</summary>
    public uint Word;

    /// <summary>Index of the <see cref="InstructionSpec"/> in <see cref="InstructionTable.Specs"/>.</summary>
    public ushort Spec;

    /// <summary>Destination register. For integer destinations %g0 becomes <see cref="Strand.SinkRegister"/>.</summary>
    public byte Rd;

    public byte Rs1;

    public byte Rs2;

    /// <summary>Branch, trap, MOVcc or FMOVcc condition (4 bits) or register condition (3 bits).</summary>
    public byte Cond;

    /// <summary>Per-format extra field: annul bit, cc selector, ASI, OPF low bits ...</summary>
    public byte Aux;
}
