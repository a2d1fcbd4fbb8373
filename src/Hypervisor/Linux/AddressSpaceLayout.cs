namespace Niagara.Hypervisor.Linux;

/// <summary>Where a sparc64 Linux process's pieces live (no address-space randomization).</summary>
public static class AddressSpaceLayout
{
    /// <summary>Base page size of sparc64 Linux (AT_PAGESZ, getpagesize()).</summary>
    public const ulong PageSize = 8192;

    /// <summary>STACK_TOP64 (arch/sparc/include/asm/processor_64.h): 0x0000080000000000 - 4 GiB.</summary>
    public const ulong StackTop = 0x0000_0800_0000_0000UL - (1UL << 32);

    /// <summary>RLIMIT_STACK's usual 8 MiB, which qemu-user also gives its guest stack.</summary>
    public const ulong DefaultStackSize = 8UL << 20;

    /// <summary>
    /// Where mmap places mappings, growing upward: qemu-user's sparc64 TASK_UNMAPPED_BASE
    /// (1 &lt;&lt; (44 - 2)); the kernel's own value (VA_EXCLUDE_END) lies above the VA hole.
    /// </summary>
    public const ulong MmapBase = 1UL << 42;

    /// <summary>ELF_ET_DYN_BASE (asm/elf_64.h): where a static-pie (ET_DYN) executable is loaded.</summary>
    public const ulong DynamicExecutableBase = 0x0000_0100_0000_0000UL;

    /// <summary>Executable segments must end below this, clear of the mmap area and the stack.</summary>
    public const ulong ExecutableLimit = MmapBase;

    /// <summary>The 64-bit ABI's stack bias: %sp and %fp point 2047 bytes below the frame.</summary>
    public const ulong StackBias = 2047;

    /// <summary>The register save area at the bottom of every frame: 16 doublewords.</summary>
    public const ulong RegisterWindowSize = 128;

    public static ulong PageAlignDown(ulong address) => address & ~(PageSize - 1);

    public static ulong PageAlignUp(ulong address) => (address + PageSize - 1) & ~(PageSize - 1);
}
