using Niagara.Strands.Execution.Control;
using Niagara.Strands.Execution.Float;
using Niagara.Strands.Execution.Integer;
using Niagara.Strands.Execution.Memory;
using Niagara.Strands.Execution.StateRegisters;
using Niagara.Strands.Execution.Vis;

namespace Niagara.Strands.Isa;

/// <summary>
/// The whole ISA as one list of <see cref="InstructionSpec"/> rows, gathered from the per-class
/// tables, with an index by primary opcode so that decoding scans only a few rows.
/// </summary>
public static class InstructionTable
{
    public static IReadOnlyList<InstructionSpec> Specs { get; } = Gather();

    private static readonly InstructionSpec[][] ByPrimaryOpcode = BuildIndex();

    /// <summary>The first row that matches <paramref name="word"/>, or null for an illegal instruction.</summary>
    public static InstructionSpec? Find(uint word)
    {
        foreach (InstructionSpec spec in ByPrimaryOpcode[PrimaryOpcode(word)])
        {
            if (spec.Matches(word))
            {
                return spec;
            }
        }

        return null;
    }

    /// <summary>op (2 bits) and op2 or op3: the key every row's mask includes.</summary>
    private static int PrimaryOpcode(uint word)
    {
        uint op = InstructionFields.Op(word);
        return op switch
        {
            0 => (int)InstructionFields.Op2(word),
            1 => 8,
            _ => (int)(16 + ((op - 2) << 6) + InstructionFields.Op3(word)),
        };
    }

    private static List<InstructionSpec> Gather()
    {
        var all = new List<InstructionSpec>();
        all.AddRange(IntegerInstructions.Specs());
        all.AddRange(ControlTransferInstructions.Specs());
        all.AddRange(LoadStoreInstructions.Specs());
        all.AddRange(FloatingPointInstructions.Specs());
        all.AddRange(VisInstructions.Specs());
        all.AddRange(StateRegisterInstructions.Specs());
        for (int i = 0; i < all.Count; i++)
        {
            all[i].Index = (ushort)i;
        }

        return all;
    }

    private static InstructionSpec[][] BuildIndex()
    {
        var buckets = new List<InstructionSpec>[16 + 128];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = new List<InstructionSpec>();
        }

        foreach (InstructionSpec spec in Specs)
        {
            buckets[PrimaryOpcode(spec.Match)].Add(spec);
        }

        // Most specific encodings first, so that e.g. "nop" or "membar" win over their general row.
        return buckets
            .Select(b => b.OrderByDescending(s => System.Numerics.BitOperations.PopCount(s.Mask)).ToArray())
            .ToArray();
    }
}
