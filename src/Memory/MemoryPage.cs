namespace Niagara.Memory;

/// <summary>Access rights of a mapped page, as mmap/mprotect name them.</summary>
[Flags]
public enum PageAccess : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
    All = Read | Write | Execute,
}

/// <summary>One 8 KB page of physical memory (the SPARC base page size), a slice of a <see cref="RamBlock"/>.</summary>
public sealed unsafe class MemoryPage
{
    public const int Shift = 13;
    public const int Size = 1 << Shift;
    public const ulong OffsetMask = Size - 1;

    private readonly RamBlock _block; // keeps the memory behind Base alive

    internal MemoryPage(ulong baseAddress, PageAccess access, RamBlock block)
    {
        BaseAddress = baseAddress;
        Access = access;
        _block = block;
        Base = block.PageAt(baseAddress);
    }

    public ulong BaseAddress { get; }

    /// <summary>Big-endian contents; shared by every strand that maps the page.</summary>
    public Span<byte> Data => new(Base, Size);

    /// <summary>The first byte of the contents (valid while this page object is reachable).</summary>
    internal readonly byte* Base;

    public PageAccess Access { get; internal set; }

    /// <summary>
    /// The strands' predecoded instructions for this page, owned by Niagara.Strands. Memory only
    /// clears it: a store into the page makes the decoded form stale.
    /// </summary>
    public object? DecodedCode;

    public bool Readable => (Access & PageAccess.Read) != 0;
    public bool Writable => (Access & PageAccess.Write) != 0;
}
