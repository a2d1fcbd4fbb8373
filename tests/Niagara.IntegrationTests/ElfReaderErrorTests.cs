using System.Buffers.Binary;
using Niagara.Loading;
using Niagara.Memory;

namespace Niagara.IntegrationTests;

/// <summary>
/// The ELF64 reader and loader on a real static sparc64 binary and on copies of it corrupted in
/// one field each: every malformed file is refused with a one-line reason, never an exception
/// that escapes, and `niagara exec` turns that into "niagara: FILE: reason" and exit status 2.
/// </summary>
[Collection(ErrorProgramsCollection.Name)]
public sealed class ElfReaderErrorTests(ErrorProgramsFixture programs)
{
    private const int PhOff = 32;
    private const int Entry = 24;
    private const int Machine = 18;
    private const int Type = 16;

    public static TheoryData<string, string> Corruptions => new()
    {
        { "empty", "not an ELF file" },
        { "not-elf", "not an ELF file" },
        { "truncated-header", "truncated ELF header (40 bytes, need 64)" },
        { "elfclass32", "32-bit ELF (ELFCLASS32); only 64-bit sparc64 executables run" },
        { "little-endian", "little-endian ELF (ELFDATA2LSB); SPARC executables are big-endian" },
        { "x86-64", "wrong machine: x86-64 (EM_X86_64, 62); need SPARC V9 (EM_SPARCV9, 43)" },
        { "relocatable", "not an executable (ELF type 1)" },
        { "phdrs-outside", "program headers (offset 0xfffffff00, 6 entries) extend past the end of the file" },
        { "segment-past-end", "segment 0 (PT_LOAD) extends past the end of the file" },
        { "interp", "dynamically linked executable (has PT_INTERP); only static executables run (link with -static)" },
        { "overlap", "segment 0 (PT_LOAD) and segment 1 (PT_LOAD) overlap" },
        { "absurd-size", "segment 1 (PT_LOAD): absurd memory size 0x4000000000000" },
        { "filesz-over-memsz", "segment 1 (PT_LOAD): file size" },
        { "entry-outside", "entry point 0x10 is outside every executable segment" },
        { "entry-misaligned", "is not word-aligned" },
        { "offset-modulo-page", "differ modulo the page size" },
    };

    private byte[] Valid()
    {
        programs.AssertReady();
        return File.ReadAllBytes(programs.PathOf("exit_status"));
    }

    private static int Phdr(int index) => 64 + (56 * index);

    /// <summary>Index of the n-th PT_LOAD header.</summary>
    private static int Load(byte[] elf, int n)
    {
        for (int i = 0, seen = 0; ; i++)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(elf.AsSpan(Phdr(i))) == 1 && seen++ == n)
            {
                return i;
            }
        }
    }

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at));

    private static void Set64(byte[] b, int at, ulong v) => BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(at), v);

    private byte[] Corrupt(string kind)
    {
        byte[] b = Valid();
        int load0 = Phdr(Load(b, 0)), load1 = Phdr(Load(b, 1));
        switch (kind)
        {
            case "empty": return [];
            case "not-elf": b[1] = (byte)'X'; break;
            case "truncated-header": return b[..40];
            case "elfclass32": b[4] = 1; break;
            case "little-endian": b[5] = 1; break;
            case "x86-64": BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(Machine), 62); break;
            case "relocatable": BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(Type), 1); break;
            case "phdrs-outside": Set64(b, PhOff, 0xf_ffff_ff00); break;
            case "segment-past-end": return b[..0x10000];
            case "interp":
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(Phdr(2)), 3);
                break;
            case "overlap": Set64(b, load1 + 16, U64(b, load0 + 16)); break;
            case "absurd-size": Set64(b, load1 + 40, 1UL << 50); break;
            case "filesz-over-memsz": Set64(b, load1 + 32, U64(b, load1 + 40) + 1); break;
            case "entry-outside": Set64(b, Entry, 0x10); break;
            case "entry-misaligned": Set64(b, Entry, U64(b, Entry) + 2); break;
            case "offset-modulo-page": Set64(b, load1 + 16, U64(b, load1 + 16) + 8); break;
            default: throw new ArgumentException(kind);
        }

        return b;
    }

    private static void Load(byte[] file) => ElfLoader.Load(ElfFile.Parse(file), new PhysicalMemory());

    [Fact]
    public void Parse_RealStaticBinary_ReadsHeaderAndSegments()
    {
        byte[] file = Valid();
        ElfFile elf = ElfFile.Parse(file);
        Assert.Equal(ElfType.Executable, elf.Type);
        Assert.Equal(ElfConstants.MachineSparcV9, elf.Machine);
        Assert.Equal(2, elf.LoadSegments.Count);
        Assert.NotNull(elf.Find(SegmentType.Tls));
        Assert.NotNull(elf.Find(SegmentType.GnuStack));
        Assert.Equal(SegmentFlags.Read | SegmentFlags.Execute, elf.LoadSegments[0].Flags);
    }

    [Fact]
    public void Load_RealStaticBinary_MapsSegmentsWithTheirRightsAndZeroBss()
    {
        var memory = new PhysicalMemory();
        ElfFile elf = ElfFile.Parse(Valid());
        var image = ElfLoader.Load(elf, memory);
        ProgramHeader text = elf.LoadSegments[0], data = elf.LoadSegments[1];
        Assert.Equal(elf.Entry, image.Entry);
        Assert.Equal(data.VirtualAddress + data.MemorySize, image.EndOfImage);
        Assert.Equal(text.VirtualAddress + 64, image.ProgramHeaderAddress);
        Assert.Throws<MemoryFaultException>(() => memory.GetPage(text.VirtualAddress, MemoryAccessKind.Write));
        memory.GetPage(text.VirtualAddress, MemoryAccessKind.Execute);
        Assert.Equal(0x7f454c46u, memory.ReadU32(text.VirtualAddress));
        Assert.Equal(0, memory.ReadU8(data.VirtualAddress + data.MemorySize - 1));
        byte[] file = Valid();
        Assert.Equal(file[(int)data.Offset], memory.ReadU8(data.VirtualAddress));
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Parse_CorruptedBinary_IsRefusedWithAReason(string kind, string reason)
    {
        byte[] file = Corrupt(kind);
        var error = Assert.Throws<ElfFormatException>(() => Load(file));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task Exec_CorruptedBinary_PrintsOneLineAndExits2(string kind, string reason)
    {
        string path = Path.Combine(programs.Directory, $"corrupt-{kind}");
        await File.WriteAllBytesAsync(path, Corrupt(kind));
        var result = await ExecCliTests.Niagara("exec", path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"niagara: {path}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        ExecCliTests.AssertNoStackTrace(result);
        Assert.Equal("", result.Stdout);
    }
}
