using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Cuts a failing sequence into its prefixes, so that running them all under both emulators
/// shows the first instruction after which the register dumps part: the one to look at.
/// </summary>
public static class SequencePrefixes
{
    /// <summary>A prefix: the first <see cref="Length"/> instructions of a sequence.</summary>
    public sealed record Prefix(int Length, GeneratedSequence Sequence);

    /// <summary>
    /// Every prefix that does not end in a branch (its delay slot would be the harness's return),
    /// numbered from 0. Branches past the cut jump to the prefix's end instead, which keeps every
    /// path that stays inside the prefix the same.
    /// </summary>
    public static List<Prefix> Of(GeneratedSequence sequence)
    {
        var prefixes = new List<Prefix>();
        for (int length = 1; length <= sequence.Instructions.Count; length++)
        {
            if (sequence.Instructions[length - 1].IsBranch)
            {
                continue;
            }

            var instructions = new List<GeneratedInstruction>(length);
            for (int k = 0; k < length; k++)
            {
                GeneratedInstruction insn = sequence.Instructions[k];
                if (insn.Target is int target && target > length)
                {
                    insn = insn with { Word = WithDisplacement(insn.Spec, insn.Word, length - k), Target = length };
                }

                instructions.Add(insn);
            }

            prefixes.Add(new Prefix(length, sequence with { Index = prefixes.Count, Instructions = instructions }));
        }

        return prefixes;
    }

    /// <summary><paramref name="word"/> with its displacement field set to <paramref name="words"/> instructions.</summary>
    public static uint WithDisplacement(InstructionSpec spec, uint word, int words)
    {
        uint disp = (uint)words;
        return spec.Format switch
        {
            OperandFormat.BranchIcc => (word & ~0x3fffffu) | (disp & 0x3fffff),
            OperandFormat.BranchPcc => (word & ~0x7ffffu) | (disp & 0x7ffff),
            OperandFormat.BranchRegister => (word & ~((3u << 20) | 0x3fffu)) | ((disp >> 14) & 3) << 20 | (disp & 0x3fff),
            _ => throw new ArgumentException($"{spec.Mnemonic} is not a branch", nameof(spec)),
        };
    }
}
