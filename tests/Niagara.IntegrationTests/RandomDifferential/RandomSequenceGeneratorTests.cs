using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>The generator's own guarantees, checked over many sequences without any toolchain.</summary>
public sealed class RandomSequenceGeneratorTests
{
    private const int Seed = 7;
    private static readonly IReadOnlyList<GeneratedSequence> Sequences = new RandomSequenceGenerator(Seed).Generate(2000);

    [Fact]
    public void Generate_EveryWord_DecodesToTheRowItWasBuiltFrom()
    {
        var eligible = new HashSet<InstructionSpec>();
        foreach (RandomRow row in RandomRows.All)
        {
            eligible.Add(row.Spec);
        }

        foreach (var (sequence, k, insn) in All())
        {
            if (!insn.Spec.Matches(insn.Word) || InstructionTable.Find(insn.Word) != insn.Spec || !eligible.Contains(insn.Spec))
            {
                Assert.Fail($"sequence {sequence.Index} [{k}] {insn.Word:x8} does not decode to its eligible row {insn.Spec.Mnemonic}");
            }
        }
    }

    [Fact]
    public void Generate_Branches_JumpForwardInsideTheSequenceAndHaveANonBranchDelaySlot()
    {
        foreach (var (sequence, k, insn) in All())
        {
            bool cti = (insn.Spec.Flags & InstructionFlags.ControlTransfer) != 0;
            Assert.Equal(cti, insn.IsBranch);
            if (!insn.IsBranch)
            {
                continue;
            }

            long displacement = insn.Spec.Format switch
            {
                OperandFormat.BranchIcc => InstructionFields.Disp22(insn.Word),
                OperandFormat.BranchPcc => InstructionFields.Disp19(insn.Word),
                OperandFormat.BranchRegister => InstructionFields.Disp16(insn.Word),
                _ => throw new InvalidOperationException($"unexpected branch format {insn.Spec.Format}"),
            };
            int n = sequence.Instructions.Count;
            Assert.Equal(insn.Target, k + (int)(displacement / 4));
            Assert.InRange(insn.Target!.Value, k + 1, n);
            Assert.True(k + 1 < n, $"sequence {sequence.Index}: branch [{k}] has no delay slot inside the sequence");
            Assert.False(sequence.Instructions[k + 1].IsBranch, $"sequence {sequence.Index}: branch in the delay slot of [{k}]");
        }
    }

    [Fact]
    public void Generate_Destinations_AreG0OrUsableRegistersThatAreNotDivisors()
    {
        foreach (var (sequence, _, insn) in All())
        {
            if ((insn.Spec.Flags & InstructionFlags.IntegerDestination) == 0)
            {
                continue;
            }

            int rd = (int)InstructionFields.Rd(insn.Word);
            if (rd != 0 && (!SequenceRegisters.IsUsable(rd) || sequence.Divisors.Contains(rd)))
            {
                Assert.Fail($"sequence {sequence.Index}: {insn.Spec.Mnemonic} ({insn.Word:x8}) writes {SequenceRegisters.Name(rd)}, a forbidden or divisor register");
            }
        }
    }

    [Fact]
    public void Generate_Sources_AreG0OrUsableRegisters()
    {
        foreach (var (_, _, insn) in All())
        {
            bool registerForm = !InstructionFields.I(insn.Word) || insn.Spec.Format == OperandFormat.BranchRegister;
            if ((insn.Spec.Flags & InstructionFlags.ReadsRs1) != 0)
            {
                AssertReadable((int)InstructionFields.Rs1(insn.Word), insn);
            }

            if ((insn.Spec.Flags & InstructionFlags.ReadsRs2) != 0 && registerForm)
            {
                AssertReadable((int)InstructionFields.Rs2(insn.Word), insn);
            }
        }
    }

    [Fact]
    public void Generate_Divisions_DivideByANonzeroLowWord()
    {
        int registerForms = 0, immediateForms = 0;
        foreach (var (sequence, _, insn) in All())
        {
            if (!RandomRows.Divisions.Contains(insn.Spec.Mnemonic))
            {
                continue;
            }

            if (InstructionFields.I(insn.Word))
            {
                immediateForms++;
                Assert.NotEqual(0, InstructionFields.Simm13(insn.Word));
            }
            else
            {
                registerForms++;
                int rs2 = (int)InstructionFields.Rs2(insn.Word);
                Assert.Contains(rs2, sequence.Divisors);
                Assert.NotEqual(0u, (uint)sequence.InitialValues[SequenceRegisters.IndexOf(rs2)]);
            }
        }

        Assert.True(registerForms > 100 && immediateForms > 100, $"{registerForms} register and {immediateForms} immediate divisions");
    }

    [Fact]
    public void Generate_ReservedFields_AreZero()
    {
        foreach (var (_, _, insn) in All())
        {
            bool immediate = InstructionFields.I(insn.Word);
            uint reserved = insn.Spec.Format switch
            {
                OperandFormat.Arithmetic or OperandFormat.Popc => immediate ? 0 : 0xffu << 5,
                OperandFormat.Shift => InstructionFields.X(insn.Word) ? (immediate ? 0x3fu << 6 : 0x7fu << 5) : 0x7fu << 5,
                OperandFormat.MoveOnCondition => immediate ? 0 : 0x3fu << 5,
                OperandFormat.MoveOnRegister => immediate ? 0 : 0x1fu << 5,
                _ => 0,
            };
            if ((insn.Word & reserved) != 0)
            {
                Assert.Fail($"{insn.Word:x8} ({insn.Spec.Mnemonic}) sets reserved bits {insn.Word & reserved:x8}");
            }
        }
    }

    [Fact]
    public void Generate_ManySequences_CoverEveryRowAndAllSixteenConditionsOnIccAndXcc()
    {
        var rows = new HashSet<InstructionSpec>();
        // Key: (kind, cc, cond) with kind 0 = branch, 1 = MOVcc; cc 0 = icc, 2 = xcc.
        var conditions = new HashSet<(int, uint, uint)>();
        foreach (var (_, _, insn) in All())
        {
            rows.Add(insn.Spec);
            uint w = insn.Word;
            switch (insn.Spec.Format)
            {
                case OperandFormat.BranchIcc:
                    conditions.Add((0, 0, InstructionFields.Cond(w)));
                    break;
                case OperandFormat.BranchPcc:
                    conditions.Add((0, (w >> 20) & 3, InstructionFields.Cond(w)));
                    break;
                case OperandFormat.MoveOnCondition:
                    conditions.Add((1, (w >> 11) & 3, (w >> 14) & 0xf));
                    break;
            }
        }

        foreach (RandomRow row in RandomRows.All)
        {
            Assert.Contains(row.Spec, rows);
        }

        for (uint cond = 0; cond < 16; cond++)
        {
            foreach (uint cc in new uint[] { 0, 2 })
            {
                Assert.Contains((0, cc, cond), conditions);
                Assert.Contains((1, cc, cond), conditions);
            }
        }
    }

    /// <summary>Walks every execution path (delay slots, annulled or not, taken or not) and
    /// requires that no ADDCcc/SUBCcc runs while the last cc setter is one that trips qemu 7.2.</summary>
    [Fact]
    public void Generate_CarrySettingAddAndSubtract_NeverRunRightAfterALogicalMultiplyOrDivideCcSetter()
    {
        string[] logicLike = ["andcc", "orcc", "xorcc", "andncc", "orncc", "xnorcc", "umulcc", "smulcc", "udivcc", "sdivcc"];
        int affected = 0;
        foreach (GeneratedSequence sequence in Sequences)
        {
            var visited = new HashSet<(int, bool, int)>();
            Walk(0, afterLogicLike: false, delayedTarget: -1);

            void Walk(int k, bool afterLogicLike, int delayedTarget)
            {
                var instructions = sequence.Instructions;
                if (k >= instructions.Count || !visited.Add((k, afterLogicLike, delayedTarget)))
                {
                    return;
                }

                InstructionSpec spec = instructions[k].Spec;
                if (spec.Mnemonic is "addccc" or "subccc")
                {
                    affected++;
                    Assert.False(afterLogicLike, $"sequence {sequence.Index} [{k}] {spec.Mnemonic} can run right after a logic-like cc setter");
                }

                bool next = logicLike.Contains(spec.Mnemonic) || (afterLogicLike && !spec.Mnemonic.EndsWith("cc", StringComparison.Ordinal));
                if (instructions[k].Target is int target)
                {
                    Walk(k + 1, next, target);  // delay slot executes
                    Walk(k + 2, next, -1);      // annulled, not taken
                    Walk(target, next, -1);     // annulled, taken (ba,a)
                }
                else if (delayedTarget >= 0)
                {
                    Walk(delayedTarget, next, -1);
                    Walk(k + 1, next, -1);
                }
                else
                {
                    Walk(k + 1, next, -1);
                }
            }
        }

        Assert.True(affected > 500, $"only {affected} ADDCcc/SUBCcc reached");
    }

    [Fact]
    public void RandomRows_HoldTheIntegerFormatsAndNothingThatLeavesTheHarness()
    {
        var mnemonics = new HashSet<string>();
        foreach (RandomRow row in RandomRows.All)
        {
            mnemonics.Add(row.Spec.Mnemonic);
            Assert.Equal(InstructionFlags.None, row.Spec.Flags & InstructionFlags.Privileged);
            Assert.Contains(row.Spec.Format, new[]
            {
                OperandFormat.Arithmetic, OperandFormat.Shift, OperandFormat.Sethi, OperandFormat.Popc,
                OperandFormat.MoveOnCondition, OperandFormat.MoveOnRegister,
                OperandFormat.BranchIcc, OperandFormat.BranchPcc, OperandFormat.BranchRegister,
            });
        }

        foreach (string excluded in new[] { "save", "restore", "taddcctv", "tsubcctv", "jmpl", "call", "return", "t", "rd", "wr" })
        {
            Assert.DoesNotContain(excluded, mnemonics);
        }

        foreach (string wanted in new[] { "mulscc", "taddcc", "tsubcc", "addc", "subccc", "udiv", "sdivcc", "popc", "sethi", "mov", "movr", "br", "b" })
        {
            Assert.Contains(wanted, mnemonics);
        }
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameSequences()
    {
        var again = new RandomSequenceGenerator(Seed).Generate(50);
        var other = new RandomSequenceGenerator(Seed + 1).Generate(50);
        Assert.Equal(HarnessWriter.Assembly(Take(50), Seed), HarnessWriter.Assembly(again, Seed));
        Assert.NotEqual(HarnessWriter.Assembly(Take(50), Seed), HarnessWriter.Assembly(other, Seed));
    }

    [Fact]
    public void HarnessWriter_EmitsEveryWordInOrderAndOneInitialVectorPerSequence()
    {
        string assembly = HarnessWriter.Assembly(Sequences, Seed);
        var emitted = new List<uint>();
        int vectors = 0;
        foreach (string line in assembly.Split('\n'))
        {
            if (line.StartsWith("\t.word 0x", StringComparison.Ordinal))
            {
                emitted.Add(uint.Parse(line.AsSpan(9, 8), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture));
            }

            vectors += line.StartsWith("\t.xword 0x", StringComparison.Ordinal)
                && line.Split(',').Length == SequenceRegisters.ValueCount ? 1 : 0;
        }

        var expected = new List<uint>();
        foreach (GeneratedSequence sequence in Sequences)
        {
            foreach (GeneratedInstruction insn in sequence.Instructions)
            {
                expected.Add(insn.Word);
            }
        }

        Assert.Equal(expected, emitted);
        Assert.Equal(Sequences.Count, vectors);
    }

    private static List<GeneratedSequence> Take(int count) => [.. Sequences.Take(count)];

    private static void AssertReadable(int register, GeneratedInstruction insn)
    {
        if (register != 0 && !SequenceRegisters.IsUsable(register))
        {
            Assert.Fail($"{insn.Spec.Mnemonic} ({insn.Word:x8}) reads forbidden {SequenceRegisters.Name(register)}");
        }
    }

    private static IEnumerable<(GeneratedSequence Sequence, int Position, GeneratedInstruction Instruction)> All()
    {
        foreach (GeneratedSequence sequence in Sequences)
        {
            for (int k = 0; k < sequence.Instructions.Count; k++)
            {
                yield return (sequence, k, sequence.Instructions[k]);
            }
        }
    }
}
