using System.Buffers.Binary;
using System.Text;

namespace Niagara.Loading;

/// <summary>
/// A big-endian ELF64 SPARC V9 executable, read and checked the way Linux's binfmt_elf checks it
/// before mapping anything. Every problem becomes an <see cref="ElfFormatException"/> whose
/// message is a one-line reason; nothing here trusts a field before checking it.
/// </summary>
public sealed class ElfFile
{
    /// <summary>No sane executable has a segment this large (1 TiB).</summary>
    public const ulong MaxSegmentSize = 1UL << 40;

    /// <summary>binfmt_elf (load_elf_phdrs) refuses program headers larger than ELF_MIN_ALIGN, one 8 KB page.</summary>
    private const int MaxProgramHeaders = 8192 / ElfConstants.ProgramHeaderSize;

    private readonly byte[] _data;

    private ElfFile(byte[] data) => _data = data;

    public ElfType Type { get; private init; }

    public ushort Machine { get; private init; }

    public uint Flags { get; private init; }

    public ulong Entry { get; private init; }

    public ulong ProgramHeaderOffset { get; private init; }

    public int ProgramHeaderEntrySize { get; private init; }

    public IReadOnlyList<ProgramHeader> ProgramHeaders { get; private init; } = [];

    /// <summary>PT_LOAD segments with a non-zero memory size, in file order.</summary>
    public IReadOnlyList<ProgramHeader> LoadSegments { get; private init; } = [];

    /// <summary>The file's bytes (segments are copied out of it).</summary>
    public ReadOnlySpan<byte> Data => _data;

    public ProgramHeader? Find(SegmentType type)
    {
        foreach (ProgramHeader ph in ProgramHeaders)
        {
            if (ph.Type == type)
            {
                return ph;
            }
        }

        return null;
    }

    /// <summary>Parses and checks <paramref name="data"/>; throws <see cref="ElfFormatException"/>.</summary>
    public static ElfFile Parse(byte[] data)
    {
        ReadOnlySpan<byte> d = data;
        if (d.Length < 4 || d[0] != 0x7f || d[1] != (byte)'E' || d[2] != (byte)'L' || d[3] != (byte)'F')
        {
            throw new ElfFormatException("not an ELF file");
        }

        if (d.Length < ElfConstants.HeaderSize)
        {
            throw new ElfFormatException($"truncated ELF header ({d.Length} bytes, need {ElfConstants.HeaderSize})");
        }

        if (d[4] != ElfConstants.ClassElf64)
        {
            throw new ElfFormatException(d[4] == 1
                ? "32-bit ELF (ELFCLASS32); only 64-bit sparc64 executables run"
                : $"invalid ELF class {d[4]}");
        }

        if (d[5] != ElfConstants.DataBigEndian)
        {
            throw new ElfFormatException(d[5] == 1
                ? "little-endian ELF (ELFDATA2LSB); SPARC executables are big-endian"
                : $"invalid ELF data encoding {d[5]}");
        }

        if (d[6] != ElfConstants.CurrentVersion || U32(d, 20) != ElfConstants.CurrentVersion)
        {
            throw new ElfFormatException("unsupported ELF version");
        }

        var type = (ElfType)U16(d, 16);
        ushort machine = U16(d, 18);
        if (machine != ElfConstants.MachineSparcV9)
        {
            throw new ElfFormatException($"wrong machine: {MachineName(machine)}; need SPARC V9 (EM_SPARCV9, 43)");
        }

        if (type is not (ElfType.Executable or ElfType.SharedObject))
        {
            throw new ElfFormatException($"not an executable (ELF type {(ushort)type})");
        }

        ushort ehsize = U16(d, 52);
        int phentsize = U16(d, 54);
        int phnum = U16(d, 56);
        ulong phoff = U64(d, 32);
        if (ehsize < ElfConstants.HeaderSize)
        {
            throw new ElfFormatException($"ELF header size {ehsize} is too small");
        }

        if (phnum == 0)
        {
            throw new ElfFormatException("no program headers");
        }

        if (phentsize != ElfConstants.ProgramHeaderSize)
        {
            throw new ElfFormatException($"program header size {phentsize}, expected {ElfConstants.ProgramHeaderSize}");
        }

        if (phnum > MaxProgramHeaders)
        {
            throw new ElfFormatException($"too many program headers ({phnum})");
        }

        ulong phBytes = (ulong)phnum * (ulong)phentsize;
        if (phoff > (ulong)d.Length || phBytes > (ulong)d.Length - phoff)
        {
            throw new ElfFormatException($"program headers (offset 0x{phoff:x}, {phnum} entries) extend past the end of the file");
        }

        var headers = new List<ProgramHeader>(phnum);
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> p = d.Slice((int)phoff + (i * phentsize), phentsize);
            headers.Add(new ProgramHeader(
                i,
                (SegmentType)U32(p, 0),
                (SegmentFlags)U32(p, 4),
                U64(p, 8),
                U64(p, 16),
                U64(p, 32),
                U64(p, 40),
                U64(p, 48)));
        }

        var file = new ElfFile(data)
        {
            Type = type,
            Machine = machine,
            Flags = U32(d, 48),
            Entry = U64(d, 24),
            ProgramHeaderOffset = phoff,
            ProgramHeaderEntrySize = phentsize,
            ProgramHeaders = headers,
            LoadSegments = CheckSegments(headers, (ulong)d.Length),
        };
        file.CheckEntry();
        return file;
    }

    /// <summary>
    /// Section headers (for the disassembler; the loader ignores them like the kernel does).
    /// Throws <see cref="ElfFormatException"/> when they are malformed.
    /// </summary>
    public IReadOnlyList<SectionHeader> ReadSections()
    {
        ReadOnlySpan<byte> d = _data;
        ulong shoff = U64(d, 40);
        int shentsize = U16(d, 58);
        int shnum = U16(d, 60);
        int shstrndx = U16(d, 62);
        if (shnum == 0)
        {
            return [];
        }

        if (shentsize != ElfConstants.SectionHeaderSize)
        {
            throw new ElfFormatException($"section header size {shentsize}, expected {ElfConstants.SectionHeaderSize}");
        }

        if (shoff > (ulong)d.Length || (ulong)shnum * (ulong)shentsize > (ulong)d.Length - shoff)
        {
            throw new ElfFormatException("section headers extend past the end of the file");
        }

        if (shstrndx >= shnum)
        {
            throw new ElfFormatException($"section name table index {shstrndx} out of range");
        }

        ReadOnlySpan<byte> names = SectionBytes(d, Section(d, shoff, shstrndx));
        var sections = new List<SectionHeader>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            ReadOnlySpan<byte> s = Section(d, shoff, i);
            uint nameOffset = U32(s, 0);
            sections.Add(new SectionHeader(CString(names, nameOffset), U32(s, 4), U64(s, 8), U64(s, 16), U64(s, 24), U64(s, 32), U32(s, 40)));
        }

        return sections;
    }

    /// <summary>The bytes of section <paramref name="section"/> in the file.</summary>
    public ReadOnlySpan<byte> SectionData(SectionHeader section)
    {
        if (section.Offset > (ulong)_data.Length || section.Size > (ulong)_data.Length - section.Offset)
        {
            throw new ElfFormatException($"section {section.Name} extends past the end of the file");
        }

        return _data.AsSpan((int)section.Offset, (int)section.Size);
    }

    private static List<ProgramHeader> CheckSegments(List<ProgramHeader> headers, ulong fileLength)
    {
        var loads = new List<ProgramHeader>();
        foreach (ProgramHeader ph in headers)
        {
            if (ph.Type == SegmentType.Interp)
            {
                throw new ElfFormatException("dynamically linked executable (has PT_INTERP); only static executables run (link with -static)");
            }

            if (ph.Type is not (SegmentType.Load or SegmentType.Tls or SegmentType.Phdr))
            {
                continue;
            }

            if (ph.FileSize > ph.MemorySize)
            {
                throw new ElfFormatException($"{ph.Describe()}: file size 0x{ph.FileSize:x} exceeds memory size 0x{ph.MemorySize:x}");
            }

            if (ph.MemorySize > MaxSegmentSize)
            {
                throw new ElfFormatException($"{ph.Describe()}: absurd memory size 0x{ph.MemorySize:x}");
            }

            if (ph.Offset > fileLength || ph.FileSize > fileLength - ph.Offset)
            {
                throw new ElfFormatException($"{ph.Describe()} extends past the end of the file (offset 0x{ph.Offset:x} + 0x{ph.FileSize:x} > 0x{fileLength:x})");
            }

            if (ph.VirtualAddress + ph.MemorySize < ph.VirtualAddress)
            {
                throw new ElfFormatException($"{ph.Describe()} wraps around the address space");
            }

            if (ph.Type == SegmentType.Load && ph.MemorySize != 0)
            {
                loads.Add(ph);
            }
        }

        if (loads.Count == 0)
        {
            throw new ElfFormatException("no loadable segments");
        }

        for (int i = 0; i < loads.Count; i++)
        {
            for (int j = i + 1; j < loads.Count; j++)
            {
                if (loads[i].VirtualAddress < loads[j].End && loads[j].VirtualAddress < loads[i].End)
                {
                    throw new ElfFormatException($"{loads[i].Describe()} and {loads[j].Describe()} overlap");
                }
            }
        }

        return loads;
    }

    private void CheckEntry()
    {
        foreach (ProgramHeader ph in LoadSegments)
        {
            if ((ph.Flags & SegmentFlags.Execute) != 0 && Entry >= ph.VirtualAddress && Entry < ph.VirtualAddress + ph.FileSize)
            {
                if ((Entry & 3) != 0)
                {
                    throw new ElfFormatException($"entry point 0x{Entry:x} is not word-aligned");
                }

                return;
            }
        }

        throw new ElfFormatException($"entry point 0x{Entry:x} is outside every executable segment");
    }

    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> d, ulong shoff, int index) =>
        d.Slice((int)shoff + (index * ElfConstants.SectionHeaderSize), ElfConstants.SectionHeaderSize);

    private static ReadOnlySpan<byte> SectionBytes(ReadOnlySpan<byte> d, ReadOnlySpan<byte> header)
    {
        ulong offset = U64(header, 24), size = U64(header, 32);
        if (offset > (ulong)d.Length || size > (ulong)d.Length - offset)
        {
            throw new ElfFormatException("section name table extends past the end of the file");
        }

        return d.Slice((int)offset, (int)size);
    }

    internal static string CString(ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= table.Length)
        {
            return "";
        }

        ReadOnlySpan<byte> rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    private static string MachineName(ushort machine) => machine switch
    {
        ElfConstants.MachineSparc => "32-bit SPARC (EM_SPARC, 2)",
        ElfConstants.MachineSparc32Plus => "SPARC32PLUS (EM_SPARC32PLUS, 18)",
        3 => "x86 (EM_386, 3)",
        62 => "x86-64 (EM_X86_64, 62)",
        183 => "AArch64 (EM_AARCH64, 183)",
        _ => $"machine {machine}",
    };

    private static ushort U16(ReadOnlySpan<byte> d, int offset) => BinaryPrimitives.ReadUInt16BigEndian(d[offset..]);

    private static uint U32(ReadOnlySpan<byte> d, int offset) => BinaryPrimitives.ReadUInt32BigEndian(d[offset..]);

    private static ulong U64(ReadOnlySpan<byte> d, int offset) => BinaryPrimitives.ReadUInt64BigEndian(d[offset..]);
}
