using System.Buffers.Binary;

namespace Niagara.Loading;

/// <summary>A named address from .symtab, for listing headers.</summary>
/// <param name="Preference">Higher wins when several symbols share an address (global functions first).</param>
public readonly record struct ElfSymbol(string Name, ulong Value, int Section, int Preference);

/// <summary>Reads the symbol table (SHT_SYMTAB, Elf64_Sym entries of 24 bytes).</summary>
public static class ElfSymbols
{
    private const int EntrySize = 24;
    private const int TypeObject = 1;
    private const int TypeFunction = 2;
    private const int TypeSection = 3;
    private const int TypeFile = 4;
    private const int BindGlobal = 1;

    /// <summary>Function, object and untyped symbols with names, sorted by address then preference; empty when stripped.</summary>
    public static IReadOnlyList<ElfSymbol> Read(ElfFile elf, IReadOnlyList<SectionHeader> sections)
    {
        var symbols = new List<ElfSymbol>();
        foreach (SectionHeader table in sections)
        {
            if (table.Type != SectionHeader.TypeSymbolTable || table.Link >= sections.Count)
            {
                continue;
            }

            ReadOnlySpan<byte> entries = elf.SectionData(table);
            ReadOnlySpan<byte> names = elf.SectionData(sections[(int)table.Link]);
            for (int at = EntrySize; at + EntrySize <= entries.Length; at += EntrySize)
            {
                ReadOnlySpan<byte> e = entries.Slice(at, EntrySize);
                int type = e[4] & 0xf, bind = e[4] >> 4;
                int section = BinaryPrimitives.ReadUInt16BigEndian(e[6..]);
                string name = ElfFile.CString(names, BinaryPrimitives.ReadUInt32BigEndian(e));
                if (name.Length == 0 || type is TypeSection or TypeFile || section == 0 || section >= 0xff00)
                {
                    continue;
                }

                int preference = (type == TypeFunction ? 4 : type == TypeObject ? 1 : 2) + (bind == BindGlobal ? 8 : 0);
                symbols.Add(new ElfSymbol(name, BinaryPrimitives.ReadUInt64BigEndian(e[8..]), section, preference));
            }
        }

        symbols.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : b.Preference.CompareTo(a.Preference));
        return symbols;
    }
}
