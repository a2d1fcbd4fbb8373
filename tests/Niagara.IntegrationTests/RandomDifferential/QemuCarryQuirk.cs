using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Keeps generated sequences clear of a qemu 7.2 bug, so that every difference the tester reports
/// is the simulator's. qemu's translator remembers which kind of instruction last set the
/// condition codes within a translation block; when that is a logical cc op (ANDcc ... XNORcc),
/// UMULcc/SMULcc or UDIVcc/SDIVcc, its ADDCcc/SUBCcc take a shortcut (the carry is known to be
/// 0) that forgets to record the new flags' kind, so %ccr afterwards holds N and Z of the result
/// with V and C clear (or V from the divide), not the add/subtract flags V9 A.2 requires. Fixed
/// upstream when the CC_OP_LOGIC/CC_OP_DIV shortcuts were removed from gen_op_addx_int/subx_int.
/// The check follows every path through the sequence (branches only go forward), which
/// over-approximates the paths the translator can follow within a block.
/// </summary>
public sealed class QemuCarryQuirk
{
    private const byte Ordinary = 1;
    private const byte AfterLogicLike = 2;

    private static readonly HashSet<string> LogicLikeSetters = new(StringComparer.Ordinal)
    {
        "andcc", "orcc", "xorcc", "andncc", "orncc", "xnorcc", "umulcc", "smulcc", "udivcc", "sdivcc",
    };

    private static readonly HashSet<string> OtherSetters = new(StringComparer.Ordinal)
    {
        "addcc", "subcc", "addccc", "subccc", "taddcc", "tsubcc", "mulscc",
    };

    // Index = position; the sequence's end and the two slots past it absorb edges that leave it.
    private readonly byte[] incoming;

    public QemuCarryQuirk(int length)
    {
        incoming = new byte[length + 3];
        incoming[0] = Ordinary;
    }

    /// <summary>The rows the bug affects: ADDCcc and SUBCcc.</summary>
    public static bool IsAffected(InstructionSpec spec) => spec.Mnemonic is "addccc" or "subccc";

    /// <summary>False when <paramref name="spec"/> at <paramref name="position"/> could run right
    /// after a logic-like cc setter on some path.</summary>
    public bool Allows(InstructionSpec spec, int position) =>
        !IsAffected(spec) || (incoming[position] & AfterLogicLike) == 0;

    /// <summary>Records the flow out of the instruction just placed at <paramref name="position"/>.</summary>
    public void Placed(IReadOnlyList<GeneratedInstruction> instructions, int position)
    {
        GeneratedInstruction insn = instructions[position];
        byte state = incoming[position];
        if (LogicLikeSetters.Contains(insn.Spec.Mnemonic))
        {
            state = AfterLogicLike;
        }
        else if (OtherSetters.Contains(insn.Spec.Mnemonic))
        {
            state = Ordinary;
        }

        if (insn.Target is int target)
        {
            // Delay slot, annulled fall-through, and annulled jump (ba,a) straight to the target.
            incoming[position + 1] |= state;
            incoming[position + 2] |= state;
            incoming[target] |= state;
        }
        else if (position > 0 && instructions[position - 1].Target is int delayedTarget)
        {
            incoming[delayedTarget] |= state;
            incoming[position + 1] |= state;
        }
        else
        {
            incoming[position + 1] |= state;
        }
    }
}
