using System.Globalization;
using System.Text;
using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Finds the instruction at which a failing sequence first goes wrong: runs all its prefixes
/// (<see cref="SequencePrefixes"/>) as one program under qemu and the simulator, and reports the
/// shortest prefix whose dumps differ, with the state before it (from qemu) and both results.
/// </summary>
public static class DivergenceLocator
{
    public static async Task<string> LocateAsync(GeneratedSequence sequence, string workDirectory)
    {
        List<SequencePrefixes.Prefix> prefixes = SequencePrefixes.Of(sequence);
        var programs = new List<GeneratedSequence>(prefixes.Count);
        foreach (SequencePrefixes.Prefix prefix in prefixes)
        {
            programs.Add(prefix.Sequence);
        }

        string name = $"prefixes-{sequence.Index}";
        try
        {
            (string program, _) = await RandomProgram.CompileAsync(programs, sequence.Index, workDirectory, name);
            ProcessResult qemu = await RandomProgram.RunQemuAsync(program, workDirectory);
            ProcessResult simulator = await RandomProgram.RunSimulatorAsync(program, workDirectory);
            List<RegisterDump?> expected = RegisterDump.ParseAll(qemu.Stdout), actual = RegisterDump.ParseAll(simulator.Stdout);
            if (qemu.ExitCode != 0 || expected.Count != prefixes.Count)
            {
                return $"(locating the divergence failed: qemu exited {qemu.ExitCode} with {expected.Count} of {prefixes.Count} lines)\n";
            }

            for (int p = 0; p < prefixes.Count; p++)
            {
                RegisterDump? got = p < actual.Count ? actual[p] : null;
                if (!expected[p]!.SameAs(got))
                {
                    IReadOnlyList<ulong> before = p == 0 ? sequence.InitialValues : expected[p - 1]!.Values;
                    int from = p == 0 ? 0 : prefixes[p - 1].Length;
                    return Describe(sequence, from, prefixes[p].Length, before, expected[p]!, got);
                }
            }

            return "(every prefix matches qemu when run alone: the difference needs the whole sequence, or depends on "
                + "what ran before it, such as earlier sequences)\n";
        }
        catch (InvalidOperationException e)
        {
            return $"(locating the divergence failed: {e.Message})\n";
        }
    }

    private static string Describe(
        GeneratedSequence sequence, int from, int length, IReadOnlyList<ulong> before, RegisterDump expected, RegisterDump? actual)
    {
        var s = new StringBuilder();
        s.Append("first divergence: the first ").Append(length).Append(" instructions already differ, the first ")
            .Append(from).Append(" do not; so look at ")
            .Append(from == length - 1 ? $"[{length - 1}]" : $"[{from}]..[{length - 1}] (a branch and its delay slot)")
            .Append(":\n");
        for (int k = from; k < length; k++)
        {
            GeneratedInstruction insn = sequence.Instructions[k];
            s.Append(CultureInfo.InvariantCulture, $"  [{k}] {insn.Word:x8} {insn.Spec.Mnemonic}")
                .Append(insn.Target is int t ? $" -> {t}" : "").Append('\n');
        }

        HashSet<int> read = ReadSlots(sequence, from, length);
        s.Append(CultureInfo.InvariantCulture, $"  register  {"before (qemu)",-16}  {"qemu",-16}  {"simulator",-16}\n");
        for (int k = 0; k < SequenceRegisters.ValueCount; k++)
        {
            string got = actual is null ? "(no line)" : actual.Values[k].ToString("x16", CultureInfo.InvariantCulture);
            string want = expected.Values[k].ToString("x16", CultureInfo.InvariantCulture);
            if (got != want || before[k] != expected.Values[k] || read.Contains(k))
            {
                s.Append(CultureInfo.InvariantCulture, $"  {SequenceRegisters.SlotName(k),-8}  {before[k]:x16}  {want}  {got}")
                    .Append(got == want ? "" : "  <== differs").Append('\n');
            }
        }

        s.Append("  (listed: the instructions' sources, %y, %ccr and whatever changed; the rest kept their values in both)\n");
        return s.ToString();
    }

    /// <summary>Value-vector slots the instructions read: register sources, %y and %ccr.</summary>
    private static HashSet<int> ReadSlots(GeneratedSequence sequence, int from, int length)
    {
        var slots = new HashSet<int> { SequenceRegisters.YIndex, SequenceRegisters.CcrIndex };
        for (int k = from; k < length; k++)
        {
            uint word = sequence.Instructions[k].Word;
            InstructionFlags flags = sequence.Instructions[k].Spec.Flags;
            bool immediate = InstructionFields.I(word) && sequence.Instructions[k].Spec.Format != OperandFormat.BranchRegister;
            if ((flags & InstructionFlags.ReadsRs1) != 0)
            {
                slots.Add(SequenceRegisters.IndexOf((int)InstructionFields.Rs1(word)));
            }

            if ((flags & InstructionFlags.ReadsRs2) != 0 && !immediate)
            {
                slots.Add(SequenceRegisters.IndexOf((int)InstructionFields.Rs2(word)));
            }
        }

        return slots;
    }
}
