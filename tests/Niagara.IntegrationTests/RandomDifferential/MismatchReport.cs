using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Describes a failing sequence so that a developer can fix the bug from the message alone: its
/// words with the generator's row and objdump's disassembly, the initial values and both dumps.
/// </summary>
public static partial class MismatchReport
{
    private const string Objdump = "sparc64-linux-gnu-objdump";
    private static readonly TimeSpan ObjdumpTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> DescribeAsync(
        GeneratedSequence sequence,
        RegisterDump? expected,
        RegisterDump? actual,
        string expectedName,
        string actualName,
        string workDirectory)
    {
        var s = new StringBuilder();
        s.Append("sequence ").Append(sequence.Index).Append(" (").Append(sequence.Instructions.Count)
            .Append(" instructions; divisor registers");
        foreach (int divisor in sequence.Divisors)
        {
            s.Append(' ').Append(SequenceRegisters.Name(divisor));
        }

        s.Append("; the body returns to the harness at offset 0x")
            .Append((4 * sequence.Instructions.Count).ToString("x3", CultureInfo.InvariantCulture)).Append("):\n");
        IReadOnlyDictionary<int, string> disassembly = await DisassembleAsync(sequence, workDirectory);
        s.Append("   idx offset  word      row          disassembly (objdump, offsets from the body's start)\n");
        for (int k = 0; k < sequence.Instructions.Count; k++)
        {
            GeneratedInstruction insn = sequence.Instructions[k];
            string row = insn.Spec.Mnemonic + (insn.Target is int t ? " -> " + t.ToString(CultureInfo.InvariantCulture) : "");
            s.Append(CultureInfo.InvariantCulture, $"  {k,4} 0x{4 * k:x3}   {insn.Word:x8}  {row,-12} ")
                .Append(disassembly.TryGetValue(4 * k, out string? text) ? text : "?").Append('\n');
        }

        s.Append(CultureInfo.InvariantCulture, $"  register  {"initial",-16}  {expectedName,-16}  {actualName,-16}\n");
        for (int k = 0; k < SequenceRegisters.ValueCount; k++)
        {
            string want = Value(expected, k), got = Value(actual, k);
            s.Append(CultureInfo.InvariantCulture, $"  {SequenceRegisters.SlotName(k),-8}  {sequence.InitialValues[k]:x16}  {want,-16}  {got,-16}")
                .Append(want == got ? "" : "  <== differs").Append('\n');
        }

        return s.ToString();
    }

    private static string Value(RegisterDump? dump, int k) =>
        dump is null ? "(no line)" : dump.Values[k].ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>objdump's text per byte offset of the body, or a note when objdump cannot run.</summary>
    private static async Task<IReadOnlyDictionary<int, string>> DisassembleAsync(GeneratedSequence sequence, string workDirectory)
    {
        var bytes = new byte[4 * sequence.Instructions.Count];
        for (int k = 0; k < sequence.Instructions.Count; k++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 * k), sequence.Instructions[k].Word);
        }

        string file = Path.Combine(workDirectory, $"sequence-{sequence.Index}.bin");
        await File.WriteAllBytesAsync(file, bytes);
        var result = new Dictionary<int, string>();
        try
        {
            ProcessResult objdump = await ProcessRunner.RunAsync(
                Objdump, ["-D", "-b", "binary", "-m", "sparc:v9", "-EB", file], environment: null, workDirectory, ObjdumpTimeout);
            foreach (string line in objdump.Stdout.Split('\n'))
            {
                Match m = ObjdumpLine().Match(line);
                if (m.Success)
                {
                    result[int.Parse(m.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)] =
                        m.Groups[2].Value.Trim().Replace('\t', ' ');
                }
            }
        }
        catch (InvalidOperationException e)
        {
            result[0] = $"({Objdump} could not run: {e.Message})";
        }

        return result;
    }

    // "   4:\t10 80 00 02 \tb  0xc": offset, the bytes, the instruction.
    [GeneratedRegex(@"^\s*([0-9a-f]+):\t(?:[0-9a-f]{2} ){4}\t(.*)$")]
    private static partial Regex ObjdumpLine();
}
