using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>A row of the ISA table the random generator may emit, and how often it is drawn.</summary>
public sealed record RandomRow(InstructionSpec Spec, double Weight)
{
    public bool IsBranch => Spec.Format is OperandFormat.BranchIcc or OperandFormat.BranchPcc or OperandFormat.BranchRegister;

    /// <summary>UDIV/SDIV(cc) and UDIVX/SDIVX: the divisor must be nonzero (no SIGFPE in the harness).</summary>
    public bool IsDivision => RandomRows.Divisions.Contains(Spec.Mnemonic);
}

/// <summary>
/// Selects the random tester's rows from <see cref="InstructionTable.Specs"/> by operand format
/// (STYLE.md: the generator is derived from the ISA table), so a new integer row is tested as
/// soon as it is in the table.
/// </summary>
public static class RandomRows
{
    /// <summary>Rows whose divisor the generator keeps nonzero.</summary>
    public static IReadOnlySet<string> Divisions { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "udiv", "sdiv", "udivcc", "sdivcc", "udivx", "sdivx" };

    /// <summary>
    /// Rows of an eligible format that the harness cannot run: SAVE/RESTORE move the register
    /// window under the harness, and TADDccTV/TSUBccTV trap (SIGEMT) on tag overflow.
    /// </summary>
    public static IReadOnlySet<string> Excluded { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "save", "restore", "taddcctv", "tsubcctv" };

    /// <summary>Every row the generator draws from, with its weight.</summary>
    public static IReadOnlyList<RandomRow> All { get; } = Select();

    /// <summary>The eligible row named <paramref name="mnemonic"/> (the only one of that name among the non-branches).</summary>
    public static InstructionSpec ByMnemonic(string mnemonic)
    {
        foreach (RandomRow row in All)
        {
            if (!row.IsBranch && row.Spec.Mnemonic == mnemonic)
            {
                return row.Spec;
            }
        }

        throw new InvalidOperationException($"The ISA table has no eligible '{mnemonic}' row.");
    }

    /// <summary>True when the row's mask fixes the 4-bit condition field (ba, bn rows).</summary>
    public static bool FixesCondition(InstructionSpec spec) => (spec.Mask & (0xFu << 25)) == 0xFu << 25;

    private static List<RandomRow> Select()
    {
        var rows = new List<RandomRow>();
        foreach (InstructionSpec spec in InstructionTable.Specs)
        {
            double weight = Weight(spec);
            if (weight > 0)
            {
                rows.Add(new RandomRow(spec, weight));
            }
        }

        return rows;
    }

    // Weights give each kind a fair share: the table has ~34 arithmetic rows but only two MOVcc
    // rows, and a conditional branch row stands for 14 conditions.
    private static double Weight(InstructionSpec spec)
    {
        if ((spec.Flags & InstructionFlags.Privileged) != 0 || Excluded.Contains(spec.Mnemonic))
        {
            return 0;
        }

        return spec.Format switch
        {
            OperandFormat.Arithmetic or OperandFormat.Shift or OperandFormat.Popc => 1,
            OperandFormat.Sethi => 2,
            // cc2 (bit 18) = 1 selects icc/xcc; cc2 = 0 (fcc0..3) would depend on the FPU's state.
            OperandFormat.MoveOnCondition => ((spec.Match >> 18) & 1) != 0 ? 3 : 0,
            OperandFormat.MoveOnRegister => 0.7,
            OperandFormat.BranchIcc or OperandFormat.BranchPcc => FixesCondition(spec) ? 0.5 : 3,
            OperandFormat.BranchRegister => 0.5,
            _ => 0,
        };
    }
}
