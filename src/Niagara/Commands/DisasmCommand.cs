using System.CommandLine;
using Niagara.Loading;
using Niagara.Strands.Disassembly;

namespace Niagara.Commands;

/// <summary>`niagara disasm FILE`: lists the executable sections like objdump -d.</summary>
public static class DisasmCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A SPARC V9 ELF64 executable." };
        var command = new Command("disasm", "Disassemble the executable sections of a SPARC V9 ELF file, like objdump -d.") { file };
        command.SetAction(result => Run(result.GetValue(file)!));
        return command;
    }

    private static int Run(string path)
    {
        byte[]? data = CommandLine.ReadInput(path);
        if (data is null)
        {
            return CommandLine.UsageStatus;
        }

        ElfFile elf;
        IReadOnlyList<SectionHeader> sections;
        IReadOnlyList<ElfSymbol> symbols;
        try
        {
            elf = ElfFile.Parse(data);
            sections = elf.ReadSections();
            symbols = ElfSymbols.Read(elf, sections);
        }
        catch (ElfFormatException e)
        {
            Console.Error.WriteLine($"niagara: {path}: {e.Message}");
            return CommandLine.UsageStatus;
        }

        using var output = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n" };
        output.WriteLine();
        output.WriteLine($"{path}:     file format elf64-sparc");
        output.WriteLine();
        for (int index = 0; index < sections.Count; index++)
        {
            SectionHeader section = sections[index];
            if (!section.IsExecutableCode || section.Size == 0)
            {
                continue;
            }

            ReadOnlySpan<byte> code;
            try
            {
                code = elf.SectionData(section);
            }
            catch (ElfFormatException e)
            {
                Console.Error.WriteLine($"niagara: {path}: {e.Message}");
                return CommandLine.UsageStatus;
            }

            output.WriteLine();
            output.WriteLine($"Disassembly of section {section.Name}:");
            WriteSection(output, section, index, code, symbols);
        }

        return 0;
    }

    /// <summary>Lists a section one symbol at a time, with objdump's "ADDRESS &lt;name&gt;:" headers.</summary>
    private static void WriteSection(TextWriter output, SectionHeader section, int index, ReadOnlySpan<byte> code, IReadOnlyList<ElfSymbol> symbols)
    {
        var starts = new List<ElfSymbol>();
        foreach (ElfSymbol symbol in symbols)
        {
            if (symbol.Section == index && symbol.Value >= section.Address && symbol.Value < section.Address + section.Size
                && (starts.Count == 0 || starts[^1].Value != symbol.Value))
            {
                starts.Add(symbol);
            }
        }

        if (starts.Count == 0 || starts[0].Value != section.Address)
        {
            starts.Insert(0, new ElfSymbol(section.Name, section.Address, index, Preference: 0));
        }

        int width = DisassemblyListing.AddressWidth(section.Address, section.Address + section.Size);
        Func<ulong, string>? symbolize = symbols.Count == 0 ? null : address => Symbolize(symbols, address);
        for (int i = 0; i < starts.Count; i++)
        {
            int start = (int)(starts[i].Value - section.Address);
            int end = i + 1 < starts.Count ? (int)(starts[i + 1].Value - section.Address) : code.Length;
            output.WriteLine();
            output.WriteLine($"{starts[i].Value:x16} <{starts[i].Name}>:");
            foreach (string line in DisassemblyListing.Lines(code, section.Address, start, end, width, symbolize))
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>objdump's "&lt;name+0xoff&gt;" text: the nearest symbol at or below the address (symbols are sorted, preferred first).</summary>
    private static string Symbolize(IReadOnlyList<ElfSymbol> symbols, ulong address)
    {
        int lo = 0, hi = symbols.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (symbols[mid].Value <= address)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0)
        {
            return "";
        }

        // Several symbols may share the address: the first of that run is the preferred one.
        while (found > 0 && symbols[found - 1].Value == symbols[found].Value)
        {
            found--;
        }

        ElfSymbol symbol = symbols[found];
        return address == symbol.Value ? symbol.Name : $"{symbol.Name}+0x{address - symbol.Value:x}";
    }
}
