using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Niagara.Strands.Disassembly;
using Niagara.Strands.Isa;

namespace Niagara.Strands.Tests.Disassembly;

/// <summary>One instruction line of objdump -d: address, word and text with "&lt;symbol&gt;" annotations removed.</summary>
/// <param name="Section">Which listed section (of which archive member) the line is in, counting from 0.</param>
/// <param name="SectionStart">Address of the section's first listed word.</param>
public sealed record ObjdumpLine(ulong Address, uint Word, string Text, int Section, ulong SectionStart);

/// <summary>
/// objdump's instruction lines of one file; <paramref name="HasSymbols"/> when it had a symbol
/// table, so that objdump printed targets as "100820 &lt;sym&gt;" rather than "0x100820".
/// </summary>
public sealed record ObjdumpListing(List<ObjdumpLine> Lines, bool HasSymbols);

/// <summary>One disagreement between our disassembly and objdump's.</summary>
public sealed record DisassemblyMismatch(ObjdumpLine Line, string Ours, InstructionSpec? Row)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Line.Address:x}: {Line.Word:x8} [{Row?.Mnemonic ?? "no row"}/{Row?.Format.ToString() ?? "-"}] objdump \"{Line.Text}\" ours \"{Ours}\"");
}

/// <summary>
/// Runs the cross toolchain's objdump and compares its text with <see cref="Disassembler"/>,
/// word by word, giving our disassembler the same preceding words objdump looks at.
/// </summary>
public static partial class ObjdumpReference
{
    public const string Objdump = "sparc64-linux-gnu-objdump";
    public const string Compiler = "sparc64-linux-gnu-gcc";
    public const string Assembler = "sparc64-linux-gnu-as";

    /// <summary>objdump -d of <paramref name="file"/>; <paramref name="machine"/> e.g. "sparc:v9a" for objects without VIS flags.</summary>
    public static ObjdumpListing Disassemble(string file, string? machine = null, string options = "")
    {
        string arguments = (machine is null ? "" : "-m " + machine + " ") + options + " -d \"" + file + "\"";
        string output = Run(Objdump, arguments);
        var lines = new List<ObjdumpLine>();
        ulong? sectionStart = null;
        int section = -1;
        string sectionName = "";
        bool symbols = false;
        foreach (string raw in output.Split('\n'))
        {
            if (raw.EndsWith(">:", StringComparison.Ordinal))
            {
                // "0000000000100000 <_start>:" heads each symbol's code; without a symbol table
                // objdump heads the section with its own name ("<.text>:").
                symbols |= !raw.EndsWith("<" + sectionName + ">:", StringComparison.Ordinal);
                continue;
            }

            if (raw.StartsWith("Disassembly of section ", StringComparison.Ordinal))
            {
                sectionName = raw["Disassembly of section ".Length..].TrimEnd(':');
                sectionStart = null;
                section++;
                continue;
            }

            Match m = InstructionLine().Match(raw);
            if (!m.Success)
            {
                continue;
            }

            string hex = m.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal);
            if (hex.Length != 8)
            {
                continue;
            }

            ulong address = ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            sectionStart ??= address;
            lines.Add(new ObjdumpLine(
                address,
                uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                SymbolAnnotation().Replace(m.Groups[3].Value, ""),
                section,
                sectionStart.Value));
        }

        return new ObjdumpListing(lines, symbols);
    }

    /// <summary>
    /// Compares every line with our disassembly. Words objdump skipped as "..." inside a section
    /// are zeros; before the section's first word nothing is readable, as for objdump.
    /// </summary>
    public static List<DisassemblyMismatch> Compare(ObjdumpListing listing)
    {
        List<ObjdumpLine> lines = listing.Lines;
        // With a symbol table our annotation is empty ("<>"); both sides then lose it below.
        Func<ulong, string>? symbolize = listing.HasSymbols ? _ => "" : null;
        var words = new Dictionary<(int Section, ulong Address), uint>(lines.Count);
        foreach (ObjdumpLine line in lines)
        {
            words[(line.Section, line.Address)] = line.Word;
        }

        var mismatches = new List<DisassemblyMismatch>();
        Span<uint> preceding = stackalloc uint[2];
        foreach (ObjdumpLine line in lines)
        {
            int count = 0;
            for (ulong back = 8; back >= 4; back -= 4)
            {
                if (line.Address >= line.SectionStart + back)
                {
                    preceding[count++] = words.GetValueOrDefault((line.Section, line.Address - back));
                }
            }

            string ours = SymbolAnnotation().Replace(Disassembler.Disassemble(line.Word, line.Address, preceding[..count], symbolize), "");
            if (ours != line.Text)
            {
                mismatches.Add(new DisassemblyMismatch(line, ours, InstructionTable.Find(line.Word)));
            }
        }

        return mismatches;
    }

    /// <summary>
    /// Formats whose ISA-table rows are still being written: their mismatches are reported but do
    /// not fail the golden tests. Empty: every format's rows exist.
    /// </summary>
    public static readonly OperandFormat[] PendingFormats = [];

    /// <summary>Mismatches that fail a golden test: the row exists, is a real instruction and its format is not pending.</summary>
    public static List<DisassemblyMismatch> Failing(IEnumerable<DisassemblyMismatch> mismatches) =>
        mismatches.Where(m => m.Row is not null && m.Row.Mnemonic != "unknown" && !PendingFormats.Contains(m.Row.Format)).ToList();

    /// <summary>"N compared, M mismatches (F failing, P in pending formats, R without a row)".</summary>
    public static string Counts(int compared, IReadOnlyList<DisassemblyMismatch> mismatches)
    {
        int failing = Failing(mismatches).Count;
        int noRow = mismatches.Count(m => m.Row is null || m.Row.Mnemonic == "unknown");
        int pending = mismatches.Count - failing - noRow;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{compared} instructions compared, {mismatches.Count} mismatches ({failing} failing, {pending} in pending formats, {noRow} without a row)");
    }

    /// <summary>Start address and size of <paramref name="section"/> in <paramref name="file"/> (objdump -h).</summary>
    public static (ulong Address, ulong Size) Section(string file, string section)
    {
        foreach (string raw in Run(Objdump, "-h \"" + file + "\"").Split('\n'))
        {
            string[] fields = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4 && fields[1] == section)
            {
                return (ulong.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        ulong.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"{file} has no {section} section");
    }

    /// <summary>objdump -d of the addresses [start, stop) of <paramref name="file"/>.</summary>
    public static ObjdumpListing DisassembleRange(string file, ulong start, ulong stop) =>
        Disassemble(file, null, string.Create(CultureInfo.InvariantCulture, $"--start-address=0x{start:x} --stop-address=0x{stop:x}"));

    /// <summary>Assembles ".word" directives for <paramref name="words"/> and returns objdump's lines (v9a level unless told).</summary>
    public static ObjdumpListing DisassembleWords(IReadOnlyList<uint> words, string machine = "sparc:v9a")
    {
        string dir = Directory.CreateTempSubdirectory("niagara-objdump").FullName;
        try
        {
            var source = new StringBuilder(".text\n");
            foreach (uint word in words)
            {
                source.Append(CultureInfo.InvariantCulture, $".word 0x{word:x8}\n");
            }

            string asm = Path.Combine(dir, "w.s"), obj = Path.Combine(dir, "w.o");
            File.WriteAllText(asm, source.ToString());
            Run(Assembler, $"-64 -o \"{obj}\" \"{asm}\"");
            return Disassemble(obj, machine);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Compiles a static sparc64 Linux program (glibc included) into <paramref name="output"/>.</summary>
    public static void CompileStatic(string source, string output, string optimization) =>
        Run(Compiler, $"-static {optimization} -o \"{output}\" \"{source}\" -lm");

    /// <summary>Where the cross compiler finds <paramref name="name"/> (e.g. libc.so.6 of the sparc64 glibc).</summary>
    public static string CompilerFile(string name) => Run(Compiler, "-print-file-name=" + name).Trim();

    /// <summary>Mismatch counts by "mnemonic/format" of the row (or "no row"), largest first.</summary>
    public static string Summarize(IReadOnlyList<DisassemblyMismatch> mismatches, int examplesPerKind = 2)
    {
        var text = new StringBuilder();
        foreach (IGrouping<string, DisassemblyMismatch> kind in mismatches
                     .GroupBy(m => m.Row is null ? "no row" : m.Row.Mnemonic + "/" + m.Row.Format)
                     .OrderByDescending(g => g.Count()))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {kind.Count(),7}  {kind.Key}\n");
            foreach (DisassemblyMismatch example in kind.Take(examplesPerKind))
            {
                text.Append("           ").Append(example).Append('\n');
            }
        }

        return text.ToString();
    }

    internal static string Run(string tool, string arguments)
    {
        var psi = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed: {error.Result}");
        }

        return output;
    }

    [GeneratedRegex(@"^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\t(.*)$")]
    private static partial Regex InstructionLine();

    // objdump appends " <symbol+off>" to target addresses and sethi comments.
    [GeneratedRegex(@" <[^<>\t]*>")]
    private static partial Regex SymbolAnnotation();
}
