namespace Niagara.Loading;

/// <summary>ELF constants the loader checks (System V gABI, "ELF-64 Object File Format").</summary>
public static class ElfConstants
{
    public const int IdentSize = 16;
    public const int HeaderSize = 64;
    public const int ProgramHeaderSize = 56;
    public const int SectionHeaderSize = 64;

    public const byte ClassElf64 = 2;
    public const byte DataBigEndian = 2;
    public const byte CurrentVersion = 1;

    /// <summary>EM_SPARCV9: SPARC V9 64-bit.</summary>
    public const ushort MachineSparcV9 = 43;

    /// <summary>EM_SPARC (32-bit) and EM_SPARC32PLUS, named in the "wrong machine" message.</summary>
    public const ushort MachineSparc = 2;
    public const ushort MachineSparc32Plus = 18;
}

/// <summary>e_type.</summary>
public enum ElfType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}

/// <summary>p_type values the loader knows.</summary>
public enum SegmentType : uint
{
    Null = 0,
    Load = 1,
    Dynamic = 2,
    Interp = 3,
    Note = 4,
    Shlib = 5,
    Phdr = 6,
    Tls = 7,
    GnuEhFrame = 0x6474e550,
    GnuStack = 0x6474e551,
    GnuRelro = 0x6474e552,
    GnuProperty = 0x6474e553,
}

/// <summary>p_flags.</summary>
[Flags]
public enum SegmentFlags : uint
{
    None = 0,
    Execute = 1,
    Write = 2,
    Read = 4,
}

/// <summary>One program header (Elf64_Phdr).</summary>
public readonly record struct ProgramHeader(
    int Index,
    SegmentType Type,
    SegmentFlags Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Align)
{
    public ulong End => VirtualAddress + MemorySize;

    public string Describe() => $"segment {Index} ({TypeName})";

    private string TypeName => Type switch
    {
        SegmentType.Load => "PT_LOAD",
        SegmentType.Interp => "PT_INTERP",
        SegmentType.Tls => "PT_TLS",
        SegmentType.Phdr => "PT_PHDR",
        SegmentType.Dynamic => "PT_DYNAMIC",
        SegmentType.Note => "PT_NOTE",
        SegmentType.GnuStack => "PT_GNU_STACK",
        SegmentType.GnuRelro => "PT_GNU_RELRO",
        _ => $"type 0x{(uint)Type:x}",
    };
}

/// <summary>One section header (Elf64_Shdr), for the disassembler.</summary>
public readonly record struct SectionHeader(
    string Name,
    uint Type,
    ulong Flags,
    ulong Address,
    ulong Offset,
    ulong Size,
    uint Link)
{
    public const uint TypeProgBits = 1;
    public const uint TypeSymbolTable = 2;
    public const ulong FlagExecInstr = 0x4;

    public bool IsExecutableCode => Type == TypeProgBits && (Flags & FlagExecInstr) != 0;
}

/// <summary>Malformed or unsupported input; the message is the reason, for "niagara: FILE: reason".</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message)
        : base(message)
    {
    }

    public ElfFormatException()
    {
    }

    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
