using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Generates random integer sequences from the rows of <see cref="RandomRows"/>: each word is the
/// row's Match plus random fields outside its Mask, and is kept only when the ISA table decodes
/// it back to the same row. The rules that make a sequence safe to run in the harness:
/// destinations are only the sequence's working registers or %g0 (never the ABI's registers nor
/// the divisor registers), branches jump forward inside the sequence (or just past its end) and
/// their delay slots hold non-branches, and every division divides by a nonzero value. ADDCcc and
/// SUBCcc also stay out of the places where the reference, qemu 7.2, gets them wrong
/// (<see cref="QemuCarryQuirk"/>).
/// </summary>
public sealed class RandomSequenceGenerator
{
    public const int MinLength = 10;
    public const int MaxLength = 40;

    private const int Attempts = 200;

    private readonly Random random;
    private readonly RandomValues values;
    private readonly WeightedRows anyRow;
    private readonly WeightedRows nonBranchRow;

    public RandomSequenceGenerator(int seed)
    {
        // Random(int) runs the legacy seeded algorithm, which .NET keeps unchanged for compatibility.
        random = new Random(seed);
        values = new RandomValues(random);
        anyRow = new WeightedRows(RandomRows.All, includeBranches: true);
        nonBranchRow = new WeightedRows(RandomRows.All, includeBranches: false);
    }

    public IReadOnlyList<GeneratedSequence> Generate(int count)
    {
        var sequences = new List<GeneratedSequence>(count);
        for (int n = 0; n < count; n++)
        {
            sequences.Add(Next(n));
        }

        return sequences;
    }

    public GeneratedSequence Next(int index)
    {
        var registers = SequenceContext.Pick(random);
        var initial = new ulong[SequenceRegisters.ValueCount];
        for (int k = 0; k < SequenceRegisters.Usable.Count; k++)
        {
            int register = SequenceRegisters.Usable[k];
            initial[k] = registers.IsDivisor(register) ? values.Divisor() : values.Interesting();
        }

        initial[SequenceRegisters.YIndex] = values.InitialY();
        initial[SequenceRegisters.CcrIndex] = (ulong)random.Next(256);

        int length = random.Next(MinLength, MaxLength + 1);
        var body = new Body(length, new WordBuilder(random, values, registers));
        while (body.Count < length)
        {
            int position = body.Count;
            int room = length - position;
            if (random.Next(100) < 8 && room >= 3)
            {
                AddChain(body, Math.Min(room, 8));
                continue;
            }

            // A branch needs its delay slot inside the sequence, and may not sit in one.
            RandomRow row = (body.InDelaySlot || room < 2 ? nonBranchRow : anyRow).Draw(random);
            if (!body.Quirk.Allows(row.Spec, position))
            {
                continue;
            }

            if (row.IsBranch)
            {
                int target = BranchTarget(position, length);
                body.Add(row.Spec, body.Words.Branch(row.Spec, target - position), target);
            }
            else
            {
                body.Add(row.Spec, body.Words.Plain(row), null);
            }
        }

        return new GeneratedSequence(index, body.Instructions, initial, registers.Divisors);
    }

    // Mostly a few instructions ahead; sometimes the delay slot itself (it then runs again as the
    // target) or the end of the sequence.
    private int BranchTarget(int position, int length) => random.Next(10) switch
    {
        0 => position + 1,
        1 => length,
        _ => position + 2 + random.Next(Math.Min(8, length - position - 1)),
    };

    /// <summary>Idioms random draws rarely produce: MULScc steps and ADDC/SUBC carry chains.</summary>
    private void AddChain(Body body, int maxLength)
    {
        int length = random.Next(2, maxLength + 1);
        switch (random.Next(3))
        {
            case 0:
                // The V8 multiply step loop: mulscc r, multiplicand, r, with %y as the multiplier.
                InstructionSpec mulscc = RandomRows.ByMnemonic("mulscc");
                int accumulator = body.Words.Destination(allowG0: false);
                bool immediate = random.Next(4) == 0;
                int multiplicand = body.Words.Source();
                int imm = values.Simm(13);
                for (int k = 0; k < length; k++)
                {
                    body.Add(mulscc, body.Words.Arithmetic(mulscc, accumulator, accumulator, immediate, multiplicand, imm), null);
                }

                break;
            case 1:
                AddCarryChain(body, length, "addcc", "addc", "addccc");
                break;
            default:
                AddCarryChain(body, length, "subcc", "subc", "subccc");
                break;
        }
    }

    private void AddCarryChain(Body body, int length, string first, string withCarry, string withCarrySettingCc)
    {
        InstructionSpec head = RandomRows.ByMnemonic(first);
        body.Add(head, body.Words.Plain(head), null);
        for (int k = 1; k < length; k++)
        {
            InstructionSpec next = RandomRows.ByMnemonic(random.Next(2) == 0 ? withCarry : withCarrySettingCc);
            if (!body.Quirk.Allows(next, body.Count))
            {
                next = RandomRows.ByMnemonic(withCarry);
            }

            body.Add(next, body.Words.Plain(next), null);
        }
    }

    /// <summary>The sequence being built, with what the qemu quirk check needs to know.</summary>
    private sealed class Body(int length, WordBuilder words)
    {
        public List<GeneratedInstruction> Instructions { get; } = new(length);

        public WordBuilder Words { get; } = words;

        public QemuCarryQuirk Quirk { get; } = new(length);

        public int Count => Instructions.Count;

        public bool InDelaySlot => Instructions.Count > 0 && Instructions[^1].IsBranch;

        public void Add(InstructionSpec spec, uint word, int? target)
        {
            Instructions.Add(new GeneratedInstruction(spec, word, target));
            Quirk.Placed(Instructions, Instructions.Count - 1);
        }
    }

    /// <summary>Draws rows in proportion to their weights.</summary>
    private sealed class WeightedRows
    {
        private readonly List<RandomRow> rows = [];
        private readonly List<double> cumulative = [];

        public WeightedRows(IReadOnlyList<RandomRow> all, bool includeBranches)
        {
            double total = 0;
            foreach (RandomRow row in all)
            {
                if (includeBranches || !row.IsBranch)
                {
                    total += row.Weight;
                    rows.Add(row);
                    cumulative.Add(total);
                }
            }

            if (rows.Count == 0)
            {
                throw new InvalidOperationException("The ISA table has no rows the random tester can use.");
            }
        }

        public RandomRow Draw(Random random)
        {
            double x = random.NextDouble() * cumulative[^1];
            int found = cumulative.BinarySearch(x);
            int index = found >= 0 ? found + 1 : ~found;
            return rows[Math.Min(index, rows.Count - 1)];
        }
    }

    /// <summary>Builds words for one sequence's register choice.</summary>
    private sealed class WordBuilder(Random random, RandomValues values, SequenceContext registers)
    {
        public int Destination(bool allowG0 = true) => allowG0 && random.Next(100) < 6 ? 0 : registers.Working[random.Next(registers.Working.Count)];

        public int Source() => random.Next(100) switch
        {
            < 80 => registers.Working[random.Next(registers.Working.Count)],
            < 92 => registers.Divisors[random.Next(registers.Divisors.Count)],
            _ => 0,
        };

        /// <summary>Random operands for a non-branch row.</summary>
        public uint Plain(RandomRow row) => Plain(row.Spec, row.IsDivision);

        public uint Plain(InstructionSpec spec) => Plain(spec, RandomRows.Divisions.Contains(spec.Mnemonic));

        public uint Arithmetic(InstructionSpec spec, int rd, int rs1, bool immediate, int rs2, int simm13) =>
            Checked(spec, (uint)rd << 25 | (uint)rs1 << 14 | (immediate ? 1u << 13 | ((uint)simm13 & 0x1fff) : (uint)rs2));

        /// <summary>A branch row's word for a displacement of <paramref name="words"/> instructions.</summary>
        public uint Branch(InstructionSpec spec, int words)
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                uint annul = (uint)random.Next(2) << 29;
                uint predict = (uint)random.Next(2) << 19;
                uint fields = spec.Format switch
                {
                    OperandFormat.BranchIcc => annul | (uint)random.Next(16) << 25,
                    OperandFormat.BranchPcc => annul | (uint)random.Next(16) << 25 | predict,
                    _ => annul | predict | (uint)Source() << 14,
                };
                uint word = SequencePrefixes.WithDisplacement(spec, spec.Match | (fields & ~spec.Mask), words);
                if (InstructionTable.Find(word) == spec)
                {
                    return word;
                }
            }

            throw new InvalidOperationException($"Could not build a '{spec.Mnemonic}' branch matching its row.");
        }

        private uint Plain(InstructionSpec spec, bool division)
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                uint word = spec.Match | (RandomFields(spec, division) & ~spec.Mask);
                if (InstructionTable.Find(word) == spec && WritesAllowedRegister(spec, word))
                {
                    return word;
                }
            }

            throw new InvalidOperationException($"Could not build a '{spec.Mnemonic}' word matching its row.");
        }

        private uint Checked(InstructionSpec spec, uint fields)
        {
            uint word = spec.Match | (fields & ~spec.Mask);
            if (InstructionTable.Find(word) != spec || !WritesAllowedRegister(spec, word))
            {
                throw new InvalidOperationException($"{word:x8} does not encode a '{spec.Mnemonic}' the harness can run.");
            }

            return word;
        }

        private bool WritesAllowedRegister(InstructionSpec spec, uint word)
        {
            int rd = (int)InstructionFields.Rd(word);
            return (spec.Flags & InstructionFlags.IntegerDestination) == 0 || rd == 0 || registers.IsWorking(rd);
        }

        // Reserved bits (12:5 of a register-form op, 11:5 or 11:6 of a shift count, 10:5 of
        // MOVcc, 9:5 of MOVr) stay zero.
        private uint RandomFields(InstructionSpec spec, bool division)
        {
            uint rd = (uint)Destination() << 25;
            uint rs1 = (uint)Source() << 14;
            bool immediate = random.Next(100) < 40;
            uint i = immediate ? 1u << 13 : 0;
            switch (spec.Format)
            {
                case OperandFormat.Sethi:
                    return rd | (uint)random.Next(1 << 22);
                case OperandFormat.Shift:
                    bool extended = ((spec.Match >> 12) & 1) != 0;
                    uint count = (uint)random.Next(extended ? 64 : 32);
                    return rd | rs1 | i | (immediate ? count : (uint)Source());
                case OperandFormat.MoveOnCondition:
                    uint cond = (uint)random.Next(16) << 14;
                    return rd | cond | i | (immediate ? (uint)values.Simm(11) & 0x7ff : (uint)Source());
                case OperandFormat.MoveOnRegister:
                    return rd | rs1 | i | (immediate ? (uint)values.Simm(10) & 0x3ff : (uint)Source());
                default:
                    // Arithmetic and POPC (whose rs1 field the row's mask fixes to 0).
                    if (division)
                    {
                        return rd | rs1 | i | (immediate ? (uint)values.NonzeroSimm13() & 0x1fff : (uint)registers.Divisors[random.Next(registers.Divisors.Count)]);
                    }

                    return rd | rs1 | i | (immediate ? (uint)values.Simm(13) & 0x1fff : (uint)Source());
            }
        }
    }
}
