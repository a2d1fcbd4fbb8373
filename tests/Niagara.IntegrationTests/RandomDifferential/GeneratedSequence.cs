using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>One generated instruction: the ISA-table row it was built from and its word.</summary>
/// <param name="Target">For a branch, the index in the sequence it jumps to (the sequence's length
/// means "just after the last instruction"); null otherwise.</param>
public sealed record GeneratedInstruction(InstructionSpec Spec, uint Word, int? Target)
{
    public bool IsBranch => Target is not null;
}

/// <summary>
/// A straight-line-with-forward-branches program: the harness loads <see cref="InitialValues"/>
/// (laid out as <see cref="SequenceRegisters"/> says), runs <see cref="Instructions"/> and dumps
/// the same vector.
/// </summary>
/// <param name="Divisors">Usable registers seeded with a nonzero low word that no instruction of
/// the sequence writes: the register-form divisions divide by them.</param>
public sealed record GeneratedSequence(
    int Index,
    IReadOnlyList<GeneratedInstruction> Instructions,
    IReadOnlyList<ulong> InitialValues,
    IReadOnlyList<int> Divisors);
